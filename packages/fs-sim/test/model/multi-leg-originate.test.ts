// Several legs in one originate, as the capture node showed them (esl-real-next/simultaneous-originate):
// `,` rings legs at once and the first answer wins (the others end LOSE_RACE), `|` tries them one
// after the other, `[...]` variables reach only their leg, `{...}` every leg, `leg_timeout` ends a
// leg ALLOTTED_TIMEOUT. A killed ringing leg leaves the other ringing; its DESTROY waits for the
// originate to return.
import { expect } from 'chai';
import { CAPTURE_FAR_ENDS } from '../../src/index.js';
import { eventName } from '../support/esl-messages.js';
import type { EslTestClient } from '../support/esl-test-client.js';
import { ALL_CALL_EVENTS, api, eventHeader, eventsOf, waitForEvent, waitForJob } from '../support/event-helpers.js';
import type { SimFixture } from '../support/sim-fixture.js';
import { startSim } from '../support/sim-fixture.js';

const A = 'aaaaaaaa-0000-4000-8000-00000000000a';
const B = 'bbbbbbbb-0000-4000-8000-00000000000b';
const GLOBALS = '{origination_caller_id_number=48220000001,originate_timeout=30,callfwd_try=both}';
const RINGING = ['CHANNEL_CREATE', 'CHANNEL_ORIGINATE', 'CHANNEL_PROGRESS'];
const ENDED = ['CHANNEL_HANGUP', 'CHANNEL_HANGUP_COMPLETE', 'CHANNEL_DESTROY'];

describe('originate with several legs', () => {
  let sim: SimFixture;
  beforeEach(async () => {
    sim = await startSim({ farEnds: CAPTURE_FAR_ENDS, gateways: { carrier: 'up' } });
  });
  afterEach(async () => sim.close());

  let jobs = 0;
  function bgapi(client: EslTestClient, args: string): string {
    const job = `job-${++jobs}`;
    client.send(`bgapi originate ${args}\nJob-UUID: ${job}\n\n`);
    return job;
  }
  const index = (client: EslTestClient, name: string, uuid: string): number =>
    client.received.findIndex((m) => eventName(m) === name && eventHeader(m, 'Unique-ID') === uuid);
  const farEnd = (client: EslTestClient, uuid: string): string => {
    const create = client.received.find((m) => eventName(m) === 'CHANNEL_CREATE' && eventHeader(m, 'variable_other_loopback_leg_uuid') === uuid);
    return eventHeader(create!, 'Unique-ID')!;
  };

  it('comma: both ring, the answer wins; the other leg and its far end end LOSE_RACE; [] variables stay on their leg', async () => {
    const client = await sim.client({ subscribe: ALL_CALL_EVENTS });
    const job = bgapi(
      client,
      `${GLOBALS}[origination_uuid=${A},callfwd_leg=slow-703]loopback/703/forward-target,[origination_uuid=${B},callfwd_leg=fast-700]loopback/700/forward-target &park()`,
    );
    expect((await waitForJob(client, job)).event!.body).to.equal(`+OK ${B}\n`);
    await waitForEvent(client, 'CHANNEL_DESTROY', A);
    expect(eventsOf(client, A)).to.deep.equal([...RINGING, ...ENDED]);
    const loser = client.received[index(client, 'CHANNEL_HANGUP', A)]!;
    expect(eventHeader(loser, 'Hangup-Cause')).to.equal('LOSE_RACE');
    expect(eventHeader(loser, 'variable_group_dial_status')).to.equal('loser');
    const loserFar = farEnd(client, A);
    await waitForEvent(client, 'CHANNEL_DESTROY', loserFar);
    expect(eventHeader(client.received[index(client, 'CHANNEL_HANGUP', loserFar)]!, 'Hangup-Cause')).to.equal('LOSE_RACE');
    // The loser hangs up before the originate returns.
    expect(index(client, 'CHANNEL_HANGUP', A)).to.be.lessThan(client.received.findIndex((m) => eventName(m) === 'BACKGROUND_JOB'));
    const createA = client.received[index(client, 'CHANNEL_CREATE', A)]!;
    const createB = client.received[index(client, 'CHANNEL_CREATE', B)]!;
    expect(eventHeader(createA, 'variable_callfwd_leg')).to.equal('slow-703');
    expect(eventHeader(createB, 'variable_callfwd_leg')).to.equal('fast-700');
    for (const create of [createA, createB]) expect(eventHeader(create, 'variable_callfwd_try')).to.equal('both');
    // The far end (-b half) gets its own leg's [] variables.
    const far = client.received.find((m) => eventName(m) === 'CHANNEL_CREATE' && eventHeader(m, 'Unique-ID') === farEnd(client, B))!;
    expect(eventHeader(far, 'variable_callfwd_leg')).to.equal('fast-700');
    await waitForEvent(client, 'CHANNEL_PARK', B);
  });

  it('comma, both ring: the one that answers later still wins, the other ends LOSE_RACE then', async () => {
    const client = await sim.client({ subscribe: ALL_CALL_EVENTS });
    const job = bgapi(client, `${GLOBALS}[origination_uuid=${A}]loopback/703/forward-target,[origination_uuid=${B}]loopback/701/forward-target &park()`);
    expect((await waitForJob(client, job)).event!.body).to.equal(`+OK ${B}\n`);
    expect(index(client, 'CHANNEL_ANSWER', B)).to.be.lessThan(index(client, 'CHANNEL_HANGUP', A));
    const hangupA = client.received[index(client, 'CHANNEL_HANGUP', A)]!;
    expect(eventHeader(hangupA, 'Hangup-Cause')).to.equal('LOSE_RACE');
  });

  it('pipe: leg_timeout ends the first leg ALLOTTED_TIMEOUT, then the next leg is dialled and wins', async () => {
    const client = await sim.client({ subscribe: ALL_CALL_EVENTS });
    const job = bgapi(
      client,
      `${GLOBALS}[origination_uuid=${A},leg_timeout=3]loopback/703/forward-target|[origination_uuid=${B}]loopback/700/forward-target &park()`,
    );
    expect((await waitForJob(client, job)).event!.body).to.equal(`+OK ${B}\n`);
    await waitForEvent(client, 'CHANNEL_DESTROY', A);
    expect(eventHeader(client.received[index(client, 'CHANNEL_HANGUP', A)]!, 'Hangup-Cause')).to.equal('ALLOTTED_TIMEOUT');
    expect(index(client, 'CHANNEL_HANGUP', A)).to.be.lessThan(index(client, 'CHANNEL_CREATE', B));
    const complete = await waitForEvent(client, 'CHANNEL_HANGUP_COMPLETE', A);
    expect(eventHeader(complete, 'variable_billsec')).to.equal('0');
    expect(eventHeader(complete, 'variable_duration')).to.equal('3');
    expect(eventHeader(client.received[index(client, 'CHANNEL_CREATE', B)]!, 'variable_leg_timeout')).to.equal(undefined);
  });

  it('pipe: every group fails: the last cause is the reply', async () => {
    const client = await sim.client({ subscribe: ALL_CALL_EVENTS });
    const job = bgapi(client, `${GLOBALS}[origination_uuid=${A}]loopback/702/forward-target|[origination_uuid=${B}]loopback/706/forward-target &park()`);
    expect((await waitForJob(client, job)).event!.body).to.equal('-ERR CALL_REJECTED\n');
    expect(index(client, 'CHANNEL_HANGUP', A)).to.be.lessThan(index(client, 'CHANNEL_CREATE', B));
  });

  it('killing both ringing legs: -ERR ORIGINATOR_CANCEL', async () => {
    const client = await sim.client({ subscribe: ALL_CALL_EVENTS });
    const job = bgapi(client, `${GLOBALS}[origination_uuid=${A}]loopback/703/forward-target,[origination_uuid=${B}]loopback/701/forward-target &park()`);
    await waitForEvent(client, 'CHANNEL_PROGRESS', B);
    expect(await api(client, `uuid_kill ${A} ORIGINATOR_CANCEL`)).to.equal('+OK\n');
    expect(await api(client, `uuid_kill ${B} ORIGINATOR_CANCEL`)).to.equal('+OK\n');
    expect((await waitForJob(client, job)).event!.body).to.equal('-ERR ORIGINATOR_CANCEL\n');
    await waitForEvent(client, 'CHANNEL_DESTROY', B);
    for (const uuid of [A, B]) {
      expect(eventsOf(client, uuid)).to.deep.equal([...RINGING, ...ENDED]);
      expect(eventHeader(client.received[index(client, 'CHANNEL_HANGUP', uuid)]!, 'Hangup-Cause')).to.equal('ORIGINATOR_CANCEL');
    }
  });

  it('killing one ringing leg: the other keeps ringing and wins; the killed leg is destroyed only when the originate returns', async () => {
    const client = await sim.client({ subscribe: ALL_CALL_EVENTS });
    const job = bgapi(client, `${GLOBALS}[origination_uuid=${A}]loopback/703/forward-target,[origination_uuid=${B}]loopback/701/forward-target &park()`);
    await waitForEvent(client, 'CHANNEL_PROGRESS', B);
    expect(await api(client, `uuid_kill ${A} ORIGINATOR_CANCEL`)).to.equal('+OK\n');
    await waitForEvent(client, 'CHANNEL_HANGUP_COMPLETE', A);
    await waitForEvent(client, 'CHANNEL_DESTROY', farEnd(client, A));
    expect(await api(client, `uuid_exists ${B}`)).to.equal('true');
    expect(index(client, 'CHANNEL_DESTROY', A)).to.equal(-1);
    expect((await waitForJob(client, job)).event!.body).to.equal(`+OK ${B}\n`);
    await waitForEvent(client, 'CHANNEL_DESTROY', A);
    expect(index(client, 'CHANNEL_ANSWER', B)).to.be.lessThan(index(client, 'CHANNEL_DESTROY', A));
    expect(eventsOf(client, A)).to.deep.equal([...RINGING, ...ENDED]);
  });

  it('independent bgapi originates for one call, one per target, each with its own far end and reply', async () => {
    sim.node.setFarEnd('48600000001', { kind: 'busy' });
    sim.node.setFarEnd('48600000002', { kind: 'answer', afterMs: 2000 });
    sim.node.setFarEnd('48600000003', { kind: 'no_answer' });
    const client = await sim.client({ subscribe: ALL_CALL_EVENTS });
    const uuids = ['c0000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000002', 'c0000000-0000-4000-8000-000000000003'];
    const jobIds = uuids.map((uuid, i) =>
      bgapi(client, `{origination_uuid=${uuid},callfwd_parent=p1,originate_timeout=30}sofia/gateway/carrier/4860000000${i + 1} &park()`),
    );
    expect((await waitForJob(client, jobIds[0]!)).event!.body).to.equal('-ERR USER_BUSY\n');
    expect((await waitForJob(client, jobIds[1]!)).event!.body).to.equal(`+OK ${uuids[1]}\n`);
    // The winner is callfwd's to pick: it cancels the still-ringing one itself.
    expect(await api(client, `uuid_kill ${uuids[2]} ORIGINATOR_CANCEL`)).to.equal('+OK\n');
    expect((await waitForJob(client, jobIds[2]!)).event!.body).to.equal('-ERR ORIGINATOR_CANCEL\n');
    await waitForEvent(client, 'CHANNEL_DESTROY', uuids[2]);
    expect(eventsOf(client, uuids[2]!)).to.deep.equal(['CHANNEL_CREATE', 'CHANNEL_ORIGINATE', 'CHANNEL_PROGRESS', ...ENDED]);
    expect(sim.node.originates().filter((o) => o.vars.some(([k, v]) => k === 'callfwd_parent' && v === 'p1'))).to.have.length(3);
  });
});
