import { expect } from 'chai';
import { ALL_CALL_EVENTS, api, eventHeader, eventsOf, waitForEvent, waitForJob } from '../support/event-helpers.js';
import { eventName } from '../support/esl-messages.js';
import { connectClient } from '../support/esl-test-client.js';
import type { SimFixture } from '../support/sim-fixture.js';
import { startSim } from '../support/sim-fixture.js';

const OUT = 'aaaaaaaa-0000-4000-8000-000000000001';

describe('simulated node: channel model', () => {
  let sim: SimFixture;
  beforeEach(async () => {
    sim = await startSim({
      gateways: { carrier: 'up' },
      farEnds: { '700': { kind: 'answer', afterMs: 0, hangupAfterMs: 3000 }, '703': { kind: 'no_answer' }, '704': { kind: 'answer', afterMs: 0 } },
    });
  });
  afterEach(async () => sim.close());

  async function forward(client: Awaited<ReturnType<SimFixture['client']>>, digits: string, parent: string): Promise<string> {
    client.send(
      `bgapi originate {origination_uuid=${OUT},origination_caller_id_number=48220000001,callfwd_parent=${parent},sip_h_Diversion=<sip:481@pbx>;reason=unconditional}sofia/gateway/carrier/${digits} &park()\nJob-UUID: job-1\n\n`,
    );
    return (await waitForJob(client, 'job-1')).event!.body ?? '';
  }

  it('placeCall: the call parks unanswered with its tags, URL-encoded in plain events', async () => {
    const client = await sim.client({ subscribe: 'plain CHANNEL_CREATE CHANNEL_PARK' });
    const parks: number[] = [];
    sim.node.on('park', (notice) => parks.push(notice.at));
    const { uuid } = sim.node.placeCall({
      connection: 'pbx-b', dialled: '48225550100', callerNumber: '48221234567', callerName: 'Alice Caller',
      disposition: 'USER_BUSY', variables: { sip_h_X_Account: 'a b' },
    });
    const park = await waitForEvent(client, 'CHANNEL_PARK', uuid);
    expect(eventsOf(client, uuid)).to.deep.equal(['CHANNEL_CREATE', 'CHANNEL_PARK']);
    expect(eventHeader(park, 'Answer-State')).to.equal('ringing');
    expect(eventHeader(park, 'Call-Direction')).to.equal('inbound');
    expect(eventHeader(park, 'variable_callfwd_connection')).to.equal('pbx-b');
    expect(eventHeader(park, 'variable_originate_disposition')).to.equal('USER_BUSY');
    expect(eventHeader(park, 'Caller-Destination-Number')).to.equal('48225550100');
    const raw = client.bytes().toString();
    expect(raw).to.contain('Caller-Caller-ID-Name: Alice%20Caller\n').and.contain('variable_sip_h_X_Account: a%20b\n');
    expect(parks).to.have.length(1);
    expect(sim.node.channels().map((channel) => channel.uuid)).to.deep.equal([uuid]);
    await client.close();
  });

  it('the forward leg carries every {} variable and presents the via number', async () => {
    const client = await sim.client({ subscribe: ALL_CALL_EVENTS });
    const { uuid } = sim.node.placeCall({ dialled: '100', callerNumber: '481', callerName: 'A' });
    await waitForEvent(client, 'CHANNEL_PARK', uuid);
    expect(await forward(client, '704', uuid)).to.equal(`+OK ${OUT}\n`);
    const park = await waitForEvent(client, 'CHANNEL_PARK', OUT);
    expect(eventHeader(park, 'Call-Direction')).to.equal('outbound');
    expect(eventHeader(park, 'variable_callfwd_parent')).to.equal(uuid);
    expect(eventHeader(park, 'variable_sip_h_Diversion')).to.equal('<sip:481@pbx>;reason=unconditional');
    expect(eventHeader(park, 'Caller-Orig-Caller-ID-Number')).to.equal('48220000001');
    const [originate] = sim.node.originates();
    expect(originate!.dialString).to.equal('sofia/gateway/carrier/704');
    expect(originate!.vars).to.deep.include(['callfwd_parent', uuid]);
    await client.close();
  });

  it('uuid_bridge without pre-answer: +OK, then the inbound leg drops (DESTINATION_OUT_OF_ORDER) and the other is cancelled', async () => {
    const client = await sim.client({ subscribe: ALL_CALL_EVENTS });
    const { uuid } = sim.node.placeCall({ dialled: '100', callerNumber: '481', callerName: 'A' });
    await waitForEvent(client, 'CHANNEL_PARK', uuid);
    await forward(client, '704', uuid);
    expect(await api(client, `uuid_bridge ${uuid} ${OUT}`)).to.equal(`+OK ${OUT}\n`);
    const inHangup = await waitForEvent(client, 'CHANNEL_HANGUP', uuid);
    const outHangup = await waitForEvent(client, 'CHANNEL_HANGUP', OUT);
    expect(eventHeader(inHangup, 'Hangup-Cause')).to.equal('DESTINATION_OUT_OF_ORDER');
    expect(eventHeader(outHangup, 'Hangup-Cause')).to.equal('ORIGINATOR_CANCEL');
    expect(client.received.some((m) => eventName(m) === 'CHANNEL_BRIDGE')).to.equal(false);
    await client.close();
  });

  it('uuid_pre_answer then uuid_bridge: +OK before ANSWER(in), one BRIDGE on the inbound leg; the target hanging up ends both', async () => {
    const client = await sim.client({ subscribe: ALL_CALL_EVENTS });
    const { uuid } = sim.node.placeCall({ dialled: '100', callerNumber: '481', callerName: 'A' });
    await waitForEvent(client, 'CHANNEL_PARK', uuid);
    await forward(client, '700', uuid);
    expect(await api(client, `uuid_pre_answer ${uuid}`)).to.equal('+OK\n');
    const from = client.received.length;
    expect(await api(client, `uuid_bridge ${uuid} ${OUT}`)).to.equal(`+OK ${OUT}\n`);
    await waitForEvent(client, 'CHANNEL_DESTROY', uuid);
    const after = client.received.slice(from).map((m) => eventName(m) ?? 'api/response');
    expect(after.indexOf('api/response')).to.be.below(after.indexOf('CHANNEL_ANSWER'));
    const bridges = client.received.filter((m) => eventName(m) === 'CHANNEL_BRIDGE');
    expect(bridges.map((m) => eventHeader(m, 'Unique-ID'))).to.deep.equal([uuid]);
    expect(eventsOf(client, uuid)).to.deep.equal([
      'CHANNEL_CREATE', 'CHANNEL_PARK', 'CHANNEL_PROGRESS_MEDIA', 'CHANNEL_ANSWER', 'CHANNEL_BRIDGE', 'CHANNEL_UNBRIDGE',
      'CHANNEL_HANGUP', 'CHANNEL_HANGUP_COMPLETE', 'CHANNEL_DESTROY',
    ]);
    const outHangup = client.received.find((m) => eventName(m) === 'CHANNEL_HANGUP' && eventHeader(m, 'Unique-ID') === OUT)!;
    const inHangup = client.received.find((m) => eventName(m) === 'CHANNEL_HANGUP' && eventHeader(m, 'Unique-ID') === uuid)!;
    expect(client.received.indexOf(outHangup)).to.be.below(client.received.indexOf(inHangup));
    expect(eventHeader(inHangup, 'Hangup-Cause')).to.equal('NORMAL_CLEARING');
    expect(await api(client, `uuid_bridge ${uuid} ${OUT}`)).to.equal('-ERR Invalid uuid\n');
    await client.close();
  });

  it('a caller hanging up while the forward rings cancels the inline bridge leg (ORIGINATOR_CANCEL)', async () => {
    const client = await sim.client({ subscribe: ALL_CALL_EVENTS });
    const { uuid } = sim.node.placeCall({ dialled: '100', callerNumber: '481', callerName: 'A' });
    await waitForEvent(client, 'CHANNEL_PARK', uuid);
    const command = `uuid_transfer ${uuid} 'm:^:set:callfwd_forwarded=true^bridge:{origination_uuid=${OUT}}sofia/gateway/carrier/703' inline`;
    expect(await api(client, command)).to.equal('+OK\n');
    await waitForEvent(client, 'CHANNEL_PROGRESS', OUT);
    expect(sim.node.hangupCall(uuid, 'ORIGINATOR_CANCEL')).to.equal(true);
    const cancelled = await waitForEvent(client, 'CHANNEL_HANGUP', OUT);
    expect(eventHeader(cancelled, 'Hangup-Cause')).to.equal('ORIGINATOR_CANCEL');
    await client.close();
  });

  it('uuid_kill on a ringing originate: its BACKGROUND_JOB is -ERR ORIGINATOR_CANCEL', async () => {
    const client = await sim.client({ subscribe: ALL_CALL_EVENTS });
    client.send(`bgapi originate {origination_uuid=${OUT}}sofia/gateway/carrier/703 &park()\nJob-UUID: job-k\n\n`);
    await waitForEvent(client, 'CHANNEL_PROGRESS', OUT);
    expect(await api(client, `uuid_kill ${OUT} ORIGINATOR_CANCEL`)).to.equal('+OK\n');
    expect((await waitForJob(client, 'job-k')).event!.body).to.equal('-ERR ORIGINATOR_CANCEL\n');
    await client.close();
  });

  it('sched_hangup fires after the given sim seconds with ALLOTTED_TIMEOUT', async () => {
    const client = await sim.client({ subscribe: ALL_CALL_EVENTS });
    const { uuid } = sim.node.placeCall({ dialled: '100', callerNumber: '481', callerName: 'A' });
    const park = await waitForEvent(client, 'CHANNEL_PARK', uuid);
    expect(await api(client, `sched_hangup +30 ${uuid}`)).to.equal('+OK\n');
    expect(await api(client, 'sched_hangup +30 00000000-0000-0000-0000-000000000000')).to.equal('-ERR No Such Channel!\n');
    const hangup = await waitForEvent(client, 'CHANNEL_HANGUP', uuid);
    expect(eventHeader(hangup, 'Hangup-Cause')).to.equal('ALLOTTED_TIMEOUT');
    const simElapsed = Number(eventHeader(hangup, 'Event-Date-Timestamp')) - Number(eventHeader(park, 'Event-Date-Timestamp'));
    expect(simElapsed).to.be.at.least(30_000_000);
    await client.close();
  });

  it('uuid_record start/stop raise RECORD_START and RECORD_STOP; a hangup ends a recording with success-silence', async () => {
    const client = await sim.client({ subscribe: ALL_CALL_EVENTS });
    const { uuid } = sim.node.placeCall({ dialled: '100', callerNumber: '481', callerName: 'A' });
    await waitForEvent(client, 'CHANNEL_PARK', uuid);
    expect(await api(client, `uuid_answer ${uuid}`)).to.equal('+OK\n');
    expect(await api(client, `uuid_record ${uuid} start /rec/a.wav`)).to.equal('+OK Success\n');
    expect(eventHeader(await waitForEvent(client, 'RECORD_START', uuid), 'Record-File-Path')).to.equal('/rec/a.wav');
    expect(await api(client, `uuid_record ${uuid} stop /rec/a.wav`)).to.equal('+OK Success\n');
    const stop = await waitForEvent(client, 'RECORD_STOP', uuid);
    expect(eventHeader(stop, 'Record-Completion-Cause')).to.equal('success-maxtime');
    expect(eventHeader(stop, 'variable_record_ms')).to.match(/^\d+$/);
    expect(await api(client, `uuid_record ${uuid} start /rec/b.wav`)).to.equal('+OK Success\n');
    sim.node.hangupCall(uuid);
    const second = await client.waitFor((m) => eventName(m) === 'RECORD_STOP' && eventHeader(m, 'Record-File-Path') === '/rec/b.wav');
    expect(eventHeader(second, 'Record-Completion-Cause')).to.equal('success-silence');
    expect(await api(client, 'uuid_record 00000000-0000-0000-0000-000000000000 start /x.wav')).to.equal('-ERR Cannot locate session!\n');
    await client.close();
  });

  it('variables, existence and hupall by variable, with the real reply texts', async () => {
    const client = await sim.client({ subscribe: ALL_CALL_EVENTS });
    const a = sim.node.placeCall({ dialled: '1', callerNumber: '481', callerName: 'A', connection: 'pbx-a' }).uuid;
    const b = sim.node.placeCall({ dialled: '2', callerNumber: '482', callerName: 'B', connection: 'pbx-b' }).uuid;
    await waitForEvent(client, 'CHANNEL_PARK', b);
    expect(await api(client, `uuid_setvar ${a} foo bar baz`)).to.equal('+OK\n');
    expect(await api(client, `uuid_getvar ${a} foo`)).to.equal('bar baz');
    expect(await api(client, `uuid_getvar ${a} missing`)).to.equal('_undef_');
    expect(await api(client, `uuid_exists ${a}`)).to.equal('true');
    expect(await api(client, `hupall MANAGER_REQUEST callfwd_connection pbx-b`)).to.equal(
      '+OK hangup all channels matching [callfwd_connection]=[pbx-b] with cause: MANAGER_REQUEST\n',
    );
    expect(eventHeader(await waitForEvent(client, 'CHANNEL_HANGUP', b), 'Hangup-Cause')).to.equal('MANAGER_REQUEST');
    expect(await api(client, `uuid_exists ${b}`)).to.equal('false');
    expect(await api(client, 'show calls count')).to.equal('\n1 total.\n');
    expect(await api(client, 'hupall')).to.equal('+OK hangup all channels with cause MANAGER_REQUEST\n');
    await waitForEvent(client, 'CHANNEL_DESTROY', a);
    expect(await api(client, 'show channels')).to.equal('\n0 total.\n');
    expect(await api(client, 'no_such_cmd x')).to.equal('-ERR no_such_cmd Command not found!\n');
    await client.close();
  });

  it('faults: dropConnections keeps the calls, pause refuses clients until resume', async () => {
    const client = await sim.client({ subscribe: ALL_CALL_EVENTS });
    const { uuid } = sim.node.placeCall({ dialled: '1', callerNumber: '481', callerName: 'A' });
    await waitForEvent(client, 'CHANNEL_PARK', uuid);
    sim.node.dropConnections();
    await client.waitClosed();
    expect(sim.node.channels().map((channel) => channel.uuid)).to.deep.equal([uuid]);
    await sim.node.pause();
    const refused = await connectClient(sim.node.port).then(
      (c) => c.close().then(() => false),
      () => true,
    );
    expect(refused).to.equal(true);
    await sim.node.resume();
    const again = await sim.client();
    sim.node.setCommandDelay(20);
    expect(await api(again, `uuid_exists ${uuid}`)).to.equal('true');
    expect(sim.node.commands().map((command) => command.raw)).to.include(`api uuid_exists ${uuid}`);
    await again.close();
  });
});
