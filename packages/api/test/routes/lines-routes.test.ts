import { expect } from 'chai';
import { AS_READER, AS_WRITER, useApi } from '../support/api-harness.js';

const pbxC = {
  id: 'pbx-c',
  kind: 'pbx',
  name: 'PBX C (warehouse)',
  number: '+48221130000',
  dial: 'sofia/gateway/pbx-c/{number}',
  account: 'provider-b',
};

interface LineBody {
  id: string;
  number: string;
  dial: string;
  account: string;
}
interface ConnectionBody {
  id: string;
  effective: { line: string; number: string; reason: string } | null;
}

describe('/v1/lines', () => {
  const api = useApi();

  function put(id: string, payload: unknown, headers: Record<string, string> = AS_WRITER) {
    return api.app.inject({ method: 'PUT', url: `/v1/lines/${id}`, headers, payload: payload as Record<string, unknown> });
  }
  function remove(id: string) {
    return api.app.inject({ method: 'DELETE', url: `/v1/lines/${id}`, headers: AS_WRITER });
  }
  async function line(id: string): Promise<LineBody> {
    return (await api.app.inject({ url: `/v1/lines/${id}`, headers: AS_READER })).json<LineBody>();
  }

  it('lists the live lines the config seeded (by id), and gets one', async () => {
    const res = await api.app.inject({ url: '/v1/lines', headers: AS_READER });
    expect(res.statusCode).to.equal(200);
    expect(res.json<{ lines: LineBody[] }>().lines.map((l) => l.id)).to.deep.equal(['main', 'office', 'pbx-a', 'pbx-b', 'sales']);
    expect(await line('pbx-b')).to.include({ number: '+48221120000', account: 'provider-b' });
    const missing = await api.app.inject({ url: '/v1/lines/pbx-z', headers: AS_READER });
    expect(missing.statusCode).to.equal(404);
    expect(missing.json()).to.include({ code: 'UNKNOWN_LINE' });
  });

  it('creates (201), replaces (200) and deletes, keeping who changed what with the old and new value', async () => {
    const created = await put('pbx-c', pbxC);
    expect(created.statusCode, created.body).to.equal(201);
    expect(created.json()).to.include({ id: 'pbx-c', earlyMedia: 'ringback', diversion: false });
    const replaced = await put('pbx-c', { ...pbxC, dial: 'sofia/gateway/pbx-c2/{number}' });
    expect(replaced.statusCode, replaced.body).to.equal(200);
    expect((await line('pbx-c')).dial).to.equal('sofia/gateway/pbx-c2/{number}');
    const removed = await remove('pbx-c');
    expect(removed.statusCode, removed.body).to.equal(200);
    expect(removed.json<{ removed: LineBody }>().removed.id).to.equal('pbx-c');
    expect((await api.app.inject({ url: '/v1/lines/pbx-c', headers: AS_READER })).statusCode).to.equal(404);

    const history = await api.app.inject({ url: '/v1/history?kind=line&subject=pbx-c', headers: AS_READER });
    const changes = history.json<{ changes: Array<{ by: string; old: { dial: string } | null; new: { dial: string } | null }> }>().changes;
    expect(changes.map((c) => [c.by, c.old?.dial ?? null, c.new?.dial ?? null])).to.deep.equal([
      ['ops-alice', 'sofia/gateway/pbx-c2/{number}', null],
      ['ops-alice', 'sofia/gateway/pbx-c/{number}', 'sofia/gateway/pbx-c2/{number}'],
      ['ops-alice', null, 'sofia/gateway/pbx-c/{number}'],
    ]);
    expect(api.logs.filter((l) => typeof l.line === 'string').map((l) => [l.msg, l.by])).to.deep.equal([
      ['line set', 'ops-alice'],
      ['line set', 'ops-alice'],
      ['line removed', 'ops-alice'],
    ]);
  });

  it('refuses to remove a line the config still needs (409), and nothing changes', async () => {
    const forwardVia = await api.app.inject({
      method: 'PUT',
      url: '/v1/connections/pbx-b/forward-via',
      headers: AS_WRITER,
      payload: { line: 'office' },
    });
    expect(forwardVia.statusCode, forwardVia.body).to.equal(200);
    const cases: Array<[string, RegExp]> = [
      ['main', /exactly one line of kind main/],
      ['sales', /employees\[\d\]\.connection: unknown connection \(line\) "sales"/],
      ['pbx-b', /lines\[\d\]\.forwardVia: unknown line "pbx-b"/],
      ['office', /unknown line "office"/],
    ];
    for (const [id, says] of cases) {
      const res = await remove(id);
      expect(res.statusCode, id).to.equal(409);
      expect(res.json(), id).to.include({ code: 'LINE_IN_USE' });
      expect(res.json<{ error: string }>().error, id).to.match(says);
    }
    expect((await api.app.inject({ url: '/v1/lines', headers: AS_READER })).json<{ lines: unknown[] }>().lines).to.have.length(5);
    const kept = await api.app.inject({ url: '/v1/history?kind=line', headers: AS_READER });
    expect(kept.json<{ changes: unknown[] }>().changes).to.deep.equal([]);
    expect((await remove('pbx-z')).statusCode).to.equal(404);
  });

  it('refuses a line that would break the config (400 with the field) or fails the schema', async () => {
    const account = await put('pbx-c', { ...pbxC, account: 'ghost' });
    expect(account.statusCode).to.equal(400);
    expect(account.json()).to.include({ code: 'INVALID_LINE', field: 'account' });
    const number = await put('pbx-c', { ...pbxC, number: '+48221120000' });
    expect(number.json()).to.include({ code: 'INVALID_LINE', field: 'number' });
    const selfVia = await put('pbx-c', { ...pbxC, forwardVia: 'pbx-c' });
    expect(selfVia.json()).to.include({ code: 'INVALID_LINE', field: 'forwardVia' });
    const secondMain = await put('main-2', { ...pbxC, id: 'main-2', kind: 'main' });
    expect(secondMain.json()).to.include({ code: 'INVALID_LINE' });
    expect(secondMain.json<{ error: string }>().error).to.match(/exactly one line of kind main/);
    const demoted = await put('pbx-a', { ...(await line('pbx-a')), kind: 'rented' });
    expect(demoted.json()).to.include({ code: 'INVALID_LINE', field: 'forwardVia' });
    expect(demoted.json<{ error: string }>().error).to.match(/forwardVia is for PBX connections only/);

    const dial = await put('pbx-c', { ...pbxC, dial: 'sofia/gateway/pbx-c/' });
    expect(dial.statusCode).to.equal(400);
    expect(dial.json()).to.include({ code: 'BAD_REQUEST', field: 'dial', in: 'body' });
    const mismatch = await put('pbx-d', pbxC);
    expect(mismatch.json()).to.include({ code: 'ID_MISMATCH', field: 'id' });
    expect((await api.app.inject({ url: '/v1/history', headers: AS_READER })).json<{ changes: unknown[] }>().changes).to.deep.equal([]);
  });

  it('changes need the write scope (403) and a token (401)', async () => {
    expect((await put('pbx-c', pbxC, AS_READER)).statusCode).to.equal(403);
    expect((await put('pbx-c', pbxC, {})).statusCode).to.equal(401);
    expect((await api.app.inject({ method: 'DELETE', url: '/v1/lines/office', headers: AS_READER })).statusCode).to.equal(403);
    expect((await api.app.inject({ url: '/v1/lines' })).statusCode).to.equal(401);
  });

  it('the connections and their effective forward-via follow the live lines', async () => {
    expect((await put('pbx-b', { ...(await line('pbx-b')), number: '+48221129999' })).statusCode).to.equal(200);
    expect((await put('pbx-c', pbxC)).statusCode).to.equal(201);
    const { connections } = (await api.app.inject({ url: '/v1/connections', headers: AS_READER })).json<{ connections: ConnectionBody[] }>();
    expect(connections.map((c) => [c.id, c.effective?.line, c.effective?.number])).to.deep.equal([
      ['pbx-a', 'pbx-b', '+48221129999'],
      ['pbx-b', 'main', '+48221000000'],
      ['pbx-c', 'main', '+48221000000'],
    ]);
    const via = await api.app.inject({
      method: 'PUT',
      url: '/v1/connections/pbx-b/forward-via',
      headers: AS_WRITER,
      payload: { line: 'pbx-c' },
    });
    expect(via.statusCode, via.body).to.equal(200);
    expect(via.json<ConnectionBody>().effective).to.include({ line: 'pbx-c', reason: 'runtime_override' });
    // And an employee may be put on the new connection.
    const dora = { id: 'dora', connection: 'pbx-c', extensions: ['+48221130004'], target: '+48604000004', triggers: ['always'] };
    const employee = await api.app.inject({ method: 'PUT', url: '/v1/employees/dora', headers: AS_WRITER, payload: dora });
    expect(employee.statusCode, employee.body).to.equal(201);
  });
});
