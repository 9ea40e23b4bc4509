import { expect } from 'chai';
import { AS_READER, AS_WRITER, useApi } from '../support/api-harness.js';

const dora = {
  id: 'dora',
  name: 'Dora Lis',
  connection: 'pbx-a',
  extensions: ['+48221110004'],
  target: '+48604000004',
  triggers: ['busy', 'no_answer'],
  noAnswerSeconds: 25,
};

describe('/v1/employees', () => {
  const api = useApi();

  it('lists the live set the config seeded, and gets one', async () => {
    const list = await api.app.inject({ url: '/v1/employees', headers: AS_READER });
    expect(list.json<{ employees: Array<{ id: string }> }>().employees.map((e) => e.id)).to.deep.equal([
      'anna',
      'bartek',
      'celina',
    ]);
    const one = await api.app.inject({ url: '/v1/employees/celina', headers: AS_READER });
    expect(one.json()).to.include({ id: 'celina', connection: 'sales', noAnswerSeconds: 15 });
    expect((await api.app.inject({ url: '/v1/employees/zed', headers: AS_READER })).statusCode).to.equal(404);
  });

  it('creates (201), replaces (200) and deletes, keeping who changed what with the old and new value', async () => {
    const created = await api.app.inject({
      method: 'PUT',
      url: '/v1/employees/dora',
      headers: AS_WRITER,
      payload: dora,
    });
    expect(created.statusCode, created.body).to.equal(201);
    const replaced = await api.app.inject({
      method: 'PUT',
      url: '/v1/employees/dora',
      headers: AS_WRITER,
      payload: { ...dora, noAnswerSeconds: 30 },
    });
    expect(replaced.statusCode).to.equal(200);
    expect(replaced.json()).to.include({ noAnswerSeconds: 30 });
    const removed = await api.app.inject({ method: 'DELETE', url: '/v1/employees/dora', headers: AS_WRITER });
    expect(removed.statusCode).to.equal(200);
    expect(removed.json<{ removed: { id: string } }>().removed.id).to.equal('dora');
    expect((await api.app.inject({ url: '/v1/employees/dora', headers: AS_READER })).statusCode).to.equal(
      404,
    );

    const history = await api.app.inject({
      url: '/v1/history?kind=employee&subject=dora',
      headers: AS_READER,
    });
    const changes = history.json<{
      changes: Array<{
        by: string;
        old: { noAnswerSeconds: number } | null;
        new: { noAnswerSeconds: number } | null;
      }>;
    }>().changes;
    expect(
      changes.map((c) => [c.by, c.old?.noAnswerSeconds ?? null, c.new?.noAnswerSeconds ?? null]),
    ).to.deep.equal([
      ['ops-alice', 30, null],
      ['ops-alice', 25, 30],
      ['ops-alice', null, 25],
    ]);
    expect(api.logs.filter((l) => typeof l.employee === 'string').map((l) => l.msg)).to.deep.equal([
      'employee set',
      'employee set',
      'employee removed',
    ]);
  });

  it("applies the domain's defaults (noAnswerSeconds 20)", async () => {
    const { noAnswerSeconds: _unused, ...withoutTimeout } = dora;
    const res = await api.app.inject({
      method: 'PUT',
      url: '/v1/employees/dora',
      headers: AS_WRITER,
      payload: withoutTimeout,
    });
    expect(res.json()).to.include({ noAnswerSeconds: 20 });
  });

  it('refuses by the domain schema with the field path (400)', async () => {
    for (const [payload, field] of [
      [{ ...dora, extensions: ['not-a-number'] }, 'extensions[0]'],
      [{ ...dora, triggers: [] }, 'triggers'],
      [{ ...dora, triggers: ['sometimes'] }, 'triggers[0]'],
      [{ ...dora, noAnswerSeconds: 601 }, 'noAnswerSeconds'],
      [{ ...dora, surprise: true }, '(root)'],
    ] as const) {
      const res = await api.app.inject({
        method: 'PUT',
        url: '/v1/employees/dora',
        headers: AS_WRITER,
        payload,
      });
      expect(res.statusCode, JSON.stringify(payload)).to.equal(400);
      expect(res.json(), JSON.stringify(payload)).to.include({ code: 'BAD_REQUEST', field, in: 'body' });
    }
    const noTarget = await api.app.inject({
      method: 'PUT',
      url: '/v1/employees/dora',
      headers: AS_WRITER,
      payload: { ...dora, target: undefined },
    });
    expect(noTarget.json()).to.include({ code: 'BAD_REQUEST', field: 'target' });
  });

  it('refuses by the config cross-checks: unknown connection (400), an extension someone has (409), an id mismatch', async () => {
    const unknown = await api.app.inject({
      method: 'PUT',
      url: '/v1/employees/dora',
      headers: AS_WRITER,
      payload: { ...dora, connection: 'pbx-z' },
    });
    expect(unknown.statusCode).to.equal(400);
    expect(unknown.json()).to.include({ code: 'UNKNOWN_CONNECTION', field: 'connection' });

    const taken = await api.app.inject({
      method: 'PUT',
      url: '/v1/employees/dora',
      headers: AS_WRITER,
      payload: { ...dora, extensions: ['+48221110004', '+48221110001'] },
    });
    expect(taken.statusCode).to.equal(409);
    expect(taken.json()).to.include({ code: 'EXTENSION_TAKEN', field: 'extensions[1]' });

    const twice = await api.app.inject({
      method: 'PUT',
      url: '/v1/employees/dora',
      headers: AS_WRITER,
      payload: { ...dora, extensions: ['+48221110004', '+48221110004'] },
    });
    expect(twice.statusCode).to.equal(400);
    expect(twice.json()).to.include({ field: 'extensions[1]' });

    const mismatch = await api.app.inject({
      method: 'PUT',
      url: '/v1/employees/dora',
      headers: AS_WRITER,
      payload: { ...dora, id: 'eve' },
    });
    expect(mismatch.statusCode).to.equal(400);
    expect(mismatch.json()).to.include({ code: 'ID_MISMATCH', field: 'id' });

    // Anna keeps her own extension when she is replaced.
    const anna = (await api.app.inject({ url: '/v1/employees/anna', headers: AS_READER })).json<
      Record<string, unknown>
    >();
    const self = await api.app.inject({
      method: 'PUT',
      url: '/v1/employees/anna',
      headers: AS_WRITER,
      payload: { ...anna, noAnswerSeconds: 9 },
    });
    expect(self.statusCode, self.body).to.equal(200);
    expect(
      (await api.app.inject({ url: '/v1/employees', headers: AS_READER })).json<{ employees: unknown[] }>()
        .employees,
    ).to.have.length(3);
  });

  it('404 when deleting nobody, and nothing is kept in the history', async () => {
    const res = await api.app.inject({ method: 'DELETE', url: '/v1/employees/zed', headers: AS_WRITER });
    expect(res.statusCode).to.equal(404);
    expect(res.json()).to.include({ code: 'UNKNOWN_EMPLOYEE' });
    expect(
      (await api.app.inject({ url: '/v1/history', headers: AS_READER })).json<{ changes: unknown[] }>()
        .changes,
    ).to.deep.equal([]);
  });
});
