// group_confirm_key and DTMF as the capture node showed them (esl-real-next/confirm-key): the far
// end's key is a DTMF event on the -a leg, and only the key makes the originate succeed; an
// answered leg that never confirms fails at originate_timeout (NO_ANSWER) or when the far end
// hangs up; without ignore_early_media the confirm runs during early media.
import { expect } from 'chai';
import { CAPTURE_FAR_ENDS } from '../../src/index.js';
import { eventName } from '../support/esl-messages.js';
import type { EslTestClient } from '../support/esl-test-client.js';
import { ALL_CALL_EVENTS, eventHeader, eventsOf, waitForEvent, waitForJob } from '../support/event-helpers.js';
import type { SimFixture } from '../support/sim-fixture.js';
import { startSim } from '../support/sim-fixture.js';

const OUT = 'dddddddd-0000-4000-8000-000000000001';
const CONFIRM = 'group_confirm_key=1,group_confirm_file=tone_stream://%(200\\,0\\,600),group_confirm_read_timeout=4000';
const SUBSCRIBE = `${ALL_CALL_EVENTS} DTMF`;

describe('confirm key and DTMF', () => {
  let sim: SimFixture;
  beforeEach(async () => {
    sim = await startSim({ farEnds: CAPTURE_FAR_ENDS, gateways: { carrier: 'up' } });
  });
  afterEach(async () => sim.close());

  let jobs = 0;
  async function originate(client: EslTestClient, dial: string, vars: string, timeoutMs = 10_000): Promise<string> {
    const job = `job-${++jobs}`;
    client.send(`bgapi originate {origination_uuid=${OUT},origination_caller_id_number=48220000001,${vars}}${dial} &park()\nJob-UUID: ${job}\n\n`);
    return (await waitForJob(client, job, timeoutMs)).event!.body ?? '';
  }
  const at = (client: EslTestClient, name: string, uuid?: string): number =>
    client.received.findIndex((m) => eventName(m) === name && (uuid === undefined || eventHeader(m, 'Unique-ID') === uuid));

  it('707 presses 1 a second after answering: ANSWER, then DTMF, then +OK; the leg is the winner', async () => {
    const client = await sim.client({ subscribe: SUBSCRIBE });
    expect(await originate(client, 'loopback/707/forward-target', `${CONFIRM},originate_timeout=20`)).to.equal(`+OK ${OUT}\n`);
    expect(at(client, 'CHANNEL_ANSWER', OUT)).to.be.lessThan(at(client, 'DTMF', OUT));
    expect(at(client, 'DTMF', OUT)).to.be.lessThan(at(client, 'BACKGROUND_JOB'));
    const dtmf = client.received[at(client, 'DTMF', OUT)]!;
    expect([eventHeader(dtmf, 'DTMF-Digit'), eventHeader(dtmf, 'DTMF-Duration'), eventHeader(dtmf, 'DTMF-Source')]).to.deep.equal(['1', '2000', 'UNKNOWN']);
    expect(eventHeader(dtmf, 'Channel-Name')).to.equal('loopback/707-a');
    expect(eventHeader(dtmf, 'variable_group_confirm_key')).to.equal(undefined); // a DTMF event has no variables
    const complete = await waitForEvent(client, 'CHANNEL_HANGUP_COMPLETE', OUT);
    expect(eventHeader(complete, 'variable_group_dial_status')).to.equal('winner');
    await waitForEvent(client, 'CHANNEL_DESTROY', OUT);
    expect(eventsOf(client, OUT)).to.deep.equal([
      'CHANNEL_CREATE', 'CHANNEL_ORIGINATE', 'CHANNEL_ANSWER', 'DTMF', 'CHANNEL_PARK', 'CHANNEL_HANGUP', 'CHANNEL_HANGUP_COMPLETE', 'CHANNEL_DESTROY',
    ]);
  });

  it('708 never presses (a voicemail): -ERR NO_ANSWER at originate_timeout although the leg answered, and it is billed', async () => {
    const client = await sim.client({ subscribe: SUBSCRIBE });
    expect(await originate(client, 'loopback/708/forward-target', `${CONFIRM},originate_timeout=6`)).to.equal('-ERR NO_ANSWER\n');
    const complete = await waitForEvent(client, 'CHANNEL_HANGUP_COMPLETE', OUT);
    expect(eventHeader(complete, 'Hangup-Cause')).to.equal('NO_ANSWER');
    // Answered just after the originate, cut at its 6 s: about 6 whole seconds, give or take the timers'
    // jitter on a loaded machine (the capture: billsec 6, billmsec 5140); never 0, as it was answered.
    expect(eventHeader(complete, 'variable_billsec')).to.be.oneOf(['5', '6', '7']);
    expect(Number(eventHeader(complete, 'variable_billmsec'))).to.be.within(5_000, 7_000);
    expect(at(client, 'DTMF')).to.equal(-1);
    expect(at(client, 'CHANNEL_PARK', OUT)).to.equal(-1);
  });

  it('708 with a longer originate_timeout: -ERR NORMAL_CLEARING when the far end hangs up', async () => {
    const client = await sim.client({ subscribe: SUBSCRIBE });
    expect(await originate(client, 'loopback/708/forward-target', `${CONFIRM},originate_timeout=20`)).to.equal('-ERR NORMAL_CLEARING\n');
  });

  it('[leg_timeout=6] ends an unconfirmed leg ALLOTTED_TIMEOUT; group_confirm_cancel_timeout lifts it', async () => {
    const client = await sim.client({ subscribe: SUBSCRIBE });
    expect(await originate(client, '[leg_timeout=6]loopback/708/forward-target', `${CONFIRM},originate_timeout=20`)).to.equal('-ERR ALLOTTED_TIMEOUT\n');
    await waitForEvent(client, 'CHANNEL_DESTROY', OUT);
    expect(
      await originate(client, '[leg_timeout=6]loopback/708/forward-target', `${CONFIRM},originate_timeout=20,group_confirm_cancel_timeout=true`),
    ).to.equal('-ERR NORMAL_CLEARING\n');
  });

  it('710 presses during early media: without ignore_early_media +OK comes before the answer', async () => {
    const client = await sim.client({ subscribe: SUBSCRIBE });
    expect(await originate(client, 'loopback/710/forward-target', `${CONFIRM},originate_timeout=20`)).to.equal(`+OK ${OUT}\n`);
    expect(at(client, 'CHANNEL_PROGRESS_MEDIA', OUT)).to.be.lessThan(at(client, 'DTMF', OUT));
    expect(at(client, 'CHANNEL_ANSWER', OUT)).to.equal(-1);
    await waitForEvent(client, 'CHANNEL_ANSWER', OUT);
  });

  it('710 with ignore_early_media=true: the early digit is held until the answer, then DTMF and +OK', async () => {
    const client = await sim.client({ subscribe: SUBSCRIBE });
    expect(await originate(client, 'loopback/710/forward-target', `${CONFIRM},originate_timeout=20,ignore_early_media=true`)).to.equal(`+OK ${OUT}\n`);
    expect(at(client, 'CHANNEL_ANSWER', OUT)).to.be.lessThan(at(client, 'DTMF', OUT));
    expect(at(client, 'DTMF', OUT)).to.be.lessThan(at(client, 'BACKGROUND_JOB'));
  });

  it('a wrong key does not confirm; the right one later does', async () => {
    sim.node.setFarEnd('48600000009', { kind: 'answer', afterMs: 0, keys: { digits: '21', afterMs: 500 } });
    const client = await sim.client({ subscribe: SUBSCRIBE });
    expect(await originate(client, 'sofia/gateway/carrier/48600000009', `${CONFIRM},originate_timeout=20`)).to.equal(`+OK ${OUT}\n`);
    // An off-node far end: the digits show on the SIP leg itself.
    expect(client.received.filter((m) => eventName(m) === 'DTMF' && eventHeader(m, 'Unique-ID') === OUT).map((m) => eventHeader(m, 'DTMF-Digit'))).to.deep.equal(['2', '1']);
  });

  it('without a confirm, DTMF events still reach subscribers (a scripted key, or sendDtmf)', async () => {
    const client = await sim.client({ subscribe: SUBSCRIBE });
    expect(await originate(client, 'loopback/707/forward-target', 'originate_timeout=20')).to.equal(`+OK ${OUT}\n`);
    // The originate returned at the answer, before the key.
    expect(at(client, 'DTMF', OUT)).to.equal(-1);
    await waitForEvent(client, 'DTMF', OUT);
    expect(sim.node.sendDtmf(OUT, '5')).to.equal(true);
    const second = await client.waitFor((m) => eventName(m) === 'DTMF' && eventHeader(m, 'DTMF-Digit') === '5');
    expect(eventHeader(second, 'Unique-ID')).to.equal(OUT);
    expect(sim.node.sendDtmf('no-such-leg', '5')).to.equal(false);
  });
});
