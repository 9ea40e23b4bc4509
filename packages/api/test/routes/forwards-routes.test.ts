import { createForwardDocStore } from '@callfwd/store';
import { expect } from 'chai';
import { AS_READER, useApi } from '../support/api-harness.js';

const CALL = '11111111-1111-4111-8111-111111111111';

describe('/v1/forwards', () => {
  const api = useApi();

  it('lists the forwards in flight on every node with their phase, connection, employee and leg', async () => {
    const docs = createForwardDocStore(api.redis, api.prefix);
    const doc = {
      v: 2,
      phase: 'trying',
      call: {
        node: 'fs2',
        callUuid: CALL,
        connection: 'pbx-a',
        dialled: '+48221110001',
        callerNumber: '+48500000001',
        parkedAt: 1_000,
      },
      plan: { employee: 'anna', target: '+48601000001', trigger: 'busy' },
      legs: [{ line: 'pbx-b', status: 'ringing' }],
    };
    expect((await docs.save('fs2', CALL, 0, doc, 60_000)).ok).to.equal(true);

    const res = await api.app.inject({ url: '/v1/forwards', headers: AS_READER });
    expect(res.statusCode).to.equal(200);
    const forwards = res.json<{ forwards: Array<Record<string, unknown>> }>().forwards;
    expect(forwards).to.have.length(1);
    expect(forwards[0]).to.include({
      node: 'fs2',
      callUuid: CALL,
      phase: 'trying',
      connection: 'pbx-a',
      employee: 'anna',
      line: 'pbx-b',
      legStatus: 'ringing',
      caller: '+48500000001',
    });
  });

  it('shows a forward whose document it cannot read, with what it knows', async () => {
    const docs = createForwardDocStore(api.redis, api.prefix);
    await docs.save('fs1', CALL, 0, { something: 'else', phase: 42 }, 60_000);
    const forwards = (await api.app.inject({ url: '/v1/forwards', headers: AS_READER })).json<{
      forwards: Array<Record<string, unknown>>;
    }>().forwards;
    expect(forwards).to.have.length(1);
    expect(forwards[0]).to.include({ node: 'fs1', callUuid: CALL, phase: null, connection: null });
  });
});
