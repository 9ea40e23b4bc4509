import { expect } from 'chai';
import type { FarEndScript } from '../../src/index.js';
import { ALL_CALL_EVENTS, eventHeader, eventsOf, waitForEvent, waitForJob } from '../support/event-helpers.js';
import type { SimFixture } from '../support/sim-fixture.js';
import { startSim } from '../support/sim-fixture.js';

const FAR_ENDS: Record<string, FarEndScript> = {
  '100': { kind: 'answer', afterMs: 2000, hangupAfterMs: 3000 },
  '200': { kind: 'busy' },
  '300': { kind: 'reject' },
  '400': { kind: 'no_answer' },
  '500': { kind: 'unregistered' },
  '600': { kind: 'route_down' },
};

describe('scripted far ends', () => {
  let sim: SimFixture;
  beforeEach(async () => {
    sim = await startSim({ gateways: { carrier: 'up', dead: 'down' }, farEnds: FAR_ENDS });
  });
  afterEach(async () => sim.close());

  let job = 0;
  async function dial(dialString: string, vars = ''): Promise<{ body: string; uuid: string; client: Awaited<ReturnType<SimFixture['client']>> }> {
    const client = await sim.client({ subscribe: ALL_CALL_EVENTS });
    const uuid = `00000000-0000-4000-8000-${String(++job).padStart(12, '0')}`;
    const jobUuid = `10000000-0000-4000-8000-${String(job).padStart(12, '0')}`;
    client.send(`bgapi originate {origination_uuid=${uuid},origination_caller_id_number=48220000001${vars}}${dialString} &park()\nJob-UUID: ${jobUuid}\n\n`);
    const result = await waitForJob(client, jobUuid);
    return { body: result.event!.body ?? '', uuid, client };
  }

  it('answer: rings, answers after afterMs, hangs up NORMAL_CLEARING after hangupAfterMs, billed in sim seconds', async () => {
    const { body, uuid, client } = await dial('sofia/gateway/carrier/100');
    expect(body).to.equal(`+OK ${uuid}\n`);
    const complete = await waitForEvent(client, 'CHANNEL_HANGUP_COMPLETE', uuid);
    await waitForEvent(client, 'CHANNEL_DESTROY', uuid);
    expect(eventsOf(client, uuid)).to.deep.equal([
      'CHANNEL_CREATE', 'CHANNEL_ORIGINATE', 'CHANNEL_PROGRESS', 'CHANNEL_ANSWER', 'CHANNEL_PARK', 'CHANNEL_HANGUP',
      'CHANNEL_HANGUP_COMPLETE', 'CHANNEL_DESTROY',
    ]);
    expect(eventHeader(complete, 'Hangup-Cause')).to.equal('NORMAL_CLEARING');
    const created = Number(eventHeader(complete, 'Caller-Channel-Created-Time'));
    const answered = Number(eventHeader(complete, 'Caller-Channel-Answered-Time'));
    const ended = Number(eventHeader(complete, 'Caller-Channel-Hangup-Time'));
    // Rings 2 s, talks 3 s (a late timer adds a little, never takes away)...
    expect(answered - created).to.be.at.least(2_000_000);
    expect(ended - answered).to.be.at.least(3_000_000);
    // ...and billsec / answersec are the whole seconds elapsed (the simulator's default; with
    // wholeEpochSeconds they are FreeSWITCH's differences of epoch seconds), read from the same times.
    const seconds = (us: number) => String(Math.floor(us / 1_000_000));
    expect(eventHeader(complete, 'variable_billsec')).to.equal(seconds(ended - answered));
    expect(eventHeader(complete, 'variable_answersec')).to.equal(seconds(answered - created));
    const park = client.received.find((m) => eventHeader(m, 'Event-Name') === 'CHANNEL_PARK' && eventHeader(m, 'Unique-ID') === uuid)!;
    expect(eventHeader(park, 'Caller-Orig-Caller-ID-Number')).to.equal('48220000001');
    expect(eventHeader(park, 'variable_sip_from_user')).to.equal('48220000001');
    expect(eventHeader(park, 'variable_sip_gateway_name')).to.equal('carrier');
    await client.close();
  });

  const failures: Array<[string, string]> = [
    ['200', 'USER_BUSY'],
    ['300', 'CALL_REJECTED'],
    ['500', 'USER_NOT_REGISTERED'],
    ['600', 'NORMAL_TEMPORARY_FAILURE'],
  ];
  for (const [digits, cause] of failures) {
    it(`${FAR_ENDS[digits]!.kind}: the originate fails with -ERR ${cause}`, async () => {
      const { body, uuid, client } = await dial(`sofia/gateway/carrier/${digits}`);
      expect(body).to.equal(`-ERR ${cause}\n`);
      const hangup = await waitForEvent(client, 'CHANNEL_HANGUP', uuid);
      expect(eventHeader(hangup, 'Hangup-Cause')).to.equal(cause);
      await client.close();
    });
  }

  it('no_answer: rings until originate_timeout, then -ERR NO_ANSWER', async () => {
    const { body, uuid, client } = await dial('sofia/gateway/carrier/400', ',originate_timeout=5');
    expect(body).to.equal('-ERR NO_ANSWER\n');
    expect(eventsOf(client, uuid).slice(0, 4)).to.deep.equal(['CHANNEL_CREATE', 'CHANNEL_ORIGINATE', 'CHANNEL_PROGRESS', 'CHANNEL_HANGUP']);
    await client.close();
  });

  it('a gateway that is down fails with NORMAL_TEMPORARY_FAILURE', async () => {
    const { body, uuid, client } = await dial('sofia/gateway/dead/100');
    expect(body).to.equal('-ERR NORMAL_TEMPORARY_FAILURE\n');
    expect(eventsOf(client, uuid)).to.include.members(['CHANNEL_CREATE', 'CHANNEL_HANGUP']);
    await client.close();
  });

  it('an unknown gateway: -ERR INVALID_GATEWAY, only a nameless CHANNEL_DESTROY (as the real node)', async () => {
    const { body, uuid, client } = await dial('sofia/gateway/nope/100');
    expect(body).to.equal('-ERR INVALID_GATEWAY\n');
    const destroy = await waitForEvent(client, 'CHANNEL_DESTROY', uuid);
    expect(eventHeader(destroy, 'Channel-Name')).to.equal('N/A');
    expect(eventsOf(client, uuid)).to.deep.equal(['CHANNEL_DESTROY']);
    await client.close();
  });

  it('an unknown endpoint: -ERR CHAN_NOT_IMPLEMENTED and no channel events', async () => {
    const { body, uuid, client } = await dial('nosuchendpoint/100');
    expect(body).to.equal('-ERR CHAN_NOT_IMPLEMENTED\n');
    expect(eventsOf(client, uuid)).to.deep.equal([]);
    await client.close();
  });

  it('setFarEnd and setGateway change behaviour at run time', async () => {
    sim.node.setFarEnd('100', { kind: 'busy' });
    expect((await dial('sofia/gateway/carrier/100')).body).to.equal('-ERR USER_BUSY\n');
    sim.node.setGateway('carrier', 'down');
    expect((await dial('sofia/gateway/carrier/100')).body).to.equal('-ERR NORMAL_TEMPORARY_FAILURE\n');
  });
});
