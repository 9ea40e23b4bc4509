import { expect } from 'chai';
import { AS_READER, AS_WRITER, useApi } from '../support/api-harness.js';

interface ConnectionBody {
  id: string;
  override: string | null;
  effective: { line: string; reason: string; explanation: string } | null;
  lastChange: { line: string | null; by: string | null } | null;
}

describe('/v1/connections', () => {
  const api = useApi();

  it('lists the PBX connections with the effective forward-via and why', async () => {
    const res = await api.app.inject({ url: '/v1/connections', headers: AS_READER });
    expect(res.statusCode).to.equal(200);
    const { connections } = res.json<{ connections: ConnectionBody[] }>();
    expect(connections.map((c) => [c.id, c.effective?.line, c.effective?.reason])).to.deep.equal([
      ['pbx-a', 'pbx-b', 'configured'],
      ['pbx-b', 'main', 'default_main'],
    ]);
    expect(connections[1]?.effective?.explanation).to.match(/main outbound number/);
  });

  it('changes a forward-via: the effective line follows, the change is logged and kept with the token name', async () => {
    const put = await api.app.inject({
      method: 'PUT',
      url: '/v1/connections/pbx-b/forward-via',
      headers: AS_WRITER,
      payload: { line: 'sales' },
    });
    expect(put.statusCode, put.body).to.equal(200);
    const body = put.json<ConnectionBody>();
    expect(body.effective).to.include({ line: 'sales', reason: 'runtime_override' });
    expect(body.lastChange).to.include({ line: 'sales', by: 'ops-alice' });

    const one = await api.app.inject({ url: '/v1/connections/pbx-b', headers: AS_READER });
    expect(one.json<ConnectionBody>().effective?.line).to.equal('sales');

    const cleared = await api.app.inject({
      method: 'PUT',
      url: '/v1/connections/pbx-b/forward-via',
      headers: AS_WRITER,
      payload: { line: null },
    });
    expect(cleared.json<ConnectionBody>().effective).to.include({ line: 'main', reason: 'default_main' });

    const history = await api.app.inject({ url: '/v1/history?kind=forward_via', headers: AS_READER });
    const changes = history.json<{
      changes: Array<{ subject: string; by: string; old: unknown; new: unknown }>;
    }>().changes;
    expect(changes.map((c) => [c.subject, c.by, c.old, c.new])).to.deep.equal([
      ['pbx-b', 'ops-alice', 'sales', null],
      ['pbx-b', 'ops-alice', null, 'sales'],
    ]);
    const logged = api.logs.filter((l) => l.msg === 'forward-via changed');
    expect(logged.map((l) => [l.by, l.connection, l.new])).to.deep.equal([
      ['ops-alice', 'pbx-b', 'sales'],
      ['ops-alice', 'pbx-b', null],
    ]);
  });

  it("refuses what the domain's rule refuses, with the field and nothing changed", async () => {
    const self = await api.app.inject({
      method: 'PUT',
      url: '/v1/connections/pbx-a/forward-via',
      headers: AS_WRITER,
      payload: { line: 'pbx-a' },
    });
    expect(self.statusCode).to.equal(400);
    expect(self.json()).to.include({ code: 'VIA_SELF', field: 'line' });

    const unknownLine = await api.app.inject({
      method: 'PUT',
      url: '/v1/connections/pbx-a/forward-via',
      headers: AS_WRITER,
      payload: { line: 'nowhere' },
    });
    expect(unknownLine.statusCode).to.equal(400);
    expect(unknownLine.json()).to.include({ code: 'UNKNOWN_LINE', field: 'line' });

    const notPbx = await api.app.inject({
      method: 'PUT',
      url: '/v1/connections/sales/forward-via',
      headers: AS_WRITER,
      payload: { line: 'main' },
    });
    expect(notPbx.statusCode).to.equal(400);
    expect(notPbx.json<{ code: string; error: string }>().code).to.equal('NOT_A_PBX_CONNECTION');

    const noBody = await api.app.inject({
      method: 'PUT',
      url: '/v1/connections/pbx-a/forward-via',
      headers: AS_WRITER,
      payload: { via: 'main' },
    });
    expect(noBody.statusCode).to.equal(400);
    expect(noBody.json()).to.include({ code: 'BAD_REQUEST', in: 'body' });

    const badId = await api.app.inject({
      method: 'PUT',
      url: '/v1/connections/Bad%20Id/forward-via',
      headers: AS_WRITER,
      payload: { line: 'main' },
    });
    expect(badId.statusCode).to.equal(400);
    expect(badId.json()).to.include({ code: 'BAD_REQUEST', field: 'id', in: 'params' });

    const list = await api.app.inject({ url: '/v1/connections', headers: AS_READER });
    expect(list.json<{ connections: ConnectionBody[] }>().connections.map((c) => c.override)).to.deep.equal([
      null,
      null,
    ]);
    expect(
      (await api.app.inject({ url: '/v1/history', headers: AS_READER })).json<{ changes: unknown[] }>()
        .changes,
    ).to.deep.equal([]);
  });

  it('404 for a connection that does not exist', async () => {
    const get = await api.app.inject({ url: '/v1/connections/nope', headers: AS_READER });
    expect(get.statusCode).to.equal(404);
    expect(get.json()).to.include({ code: 'UNKNOWN_CONNECTION' });
    const put = await api.app.inject({
      method: 'PUT',
      url: '/v1/connections/nope/forward-via',
      headers: AS_WRITER,
      payload: { line: 'main' },
    });
    expect(put.statusCode).to.equal(404);
  });
});
