// Early media as the capture node showed it (esl-real-next/early-media-originate): 705 sends
// early media for 5 s, answers, hangs up 3 s later; 709 the same but talks 10 s.
import { expect } from 'chai';
import { CAPTURE_FAR_ENDS } from '../../src/index.js';
import type { EslMessage } from '../support/esl-messages.js';
import { eventName } from '../support/esl-messages.js';
import type { EslTestClient } from '../support/esl-test-client.js';
import {
  ALL_CALL_EVENTS,
  api,
  eventHeader,
  eventsOf,
  waitForEvent,
  waitForJob,
} from '../support/event-helpers.js';
import type { SimFixture } from '../support/sim-fixture.js';
import { startSim } from '../support/sim-fixture.js';

const OUT = 'bbbbbbbb-0000-4000-8000-000000000001';

describe('early media', () => {
  let sim: SimFixture;
  beforeEach(async () => {
    sim = await startSim({ farEnds: { ...CAPTURE_FAR_ENDS, '799': { kind: 'early_media' } } });
  });
  afterEach(async () => sim.close());

  let jobs = 0;
  async function originate(client: EslTestClient, digits: string, vars = ''): Promise<string> {
    const job = `job-${++jobs}`;
    client.send(
      `bgapi originate {origination_uuid=${OUT},origination_caller_id_number=48220000001,originate_timeout=30${vars}}loopback/${digits}/forward-target &park()\nJob-UUID: ${job}\n\n`,
    );
    return (await waitForJob(client, job, 10_000)).event!.body ?? '';
  }
  /** Where the first message matching `name` (on `uuid`, or the job) sits in what the client got. */
  const at = (client: EslTestClient, name: string, uuid?: string): number =>
    client.received.findIndex(
      (m: EslMessage) =>
        eventName(m) === name && (uuid === undefined || eventHeader(m, 'Unique-ID') === uuid),
    );

  it('a plain originate returns +OK on the early media, 5 s before the answer; the &park() leg parks while still early', async () => {
    const client = await sim.client({ subscribe: ALL_CALL_EVENTS });
    expect(await originate(client, '705')).to.equal(`+OK ${OUT}\n`);
    const complete = await waitForEvent(client, 'CHANNEL_HANGUP_COMPLETE', OUT, 10_000);
    expect(eventsOf(client, OUT)).to.deep.equal([
      'CHANNEL_CREATE',
      'CHANNEL_ORIGINATE',
      'CHANNEL_PROGRESS_MEDIA',
      'CHANNEL_PARK',
      'CHANNEL_ANSWER',
      'CHANNEL_HANGUP',
      'CHANNEL_HANGUP_COMPLETE',
      'CHANNEL_DESTROY',
    ]);
    expect(at(client, 'CHANNEL_PROGRESS')).to.equal(-1); // pre_answer: no CHANNEL_PROGRESS on either half
    expect(at(client, 'BACKGROUND_JOB'))
      .to.be.greaterThan(at(client, 'CHANNEL_PROGRESS_MEDIA', OUT))
      .and.lessThan(at(client, 'CHANNEL_ANSWER', OUT));
    const park = client.received[at(client, 'CHANNEL_PARK', OUT)]!;
    expect(eventHeader(park, 'Answer-State')).to.equal('early');
    expect(eventHeader(park, 'variable_endpoint_disposition')).to.equal('EARLY MEDIA');
    expect(eventHeader(park, 'variable_originate_early_media')).to.equal('true');
    // creation to early media 0 s (not its length), creation to answer 5 s, answer to hangup 3 s:
    // differences of whole epoch seconds, as FreeSWITCH counts them, so a 5.05 s wait that crosses
    // one more second boundary than it lasts reads 6 (the simulator's timers run a little late).
    expect(eventHeader(complete, 'variable_progress_mediasec')).to.be.oneOf(['0', '1']);
    expect(eventHeader(complete, 'variable_answersec')).to.be.oneOf(['5', '6']);
    expect(eventHeader(complete, 'variable_billsec')).to.be.oneOf(['3', '4']);
    expect(eventHeader(complete, 'variable_waitsec')).to.equal('0');
    expect(eventHeader(complete, 'variable_endpoint_disposition')).to.equal('ANSWER');
    expect(eventHeader(complete, 'Hangup-Cause')).to.equal('NORMAL_CLEARING');
    await client.close();
  });

  for (const value of ['true', 'ring_ready']) {
    it(`ignore_early_media=${value}: BACKGROUND_JOB comes at the answer, and the leg parks answered`, async () => {
      const client = await sim.client({ subscribe: ALL_CALL_EVENTS });
      expect(await originate(client, '705', `,ignore_early_media=${value}`)).to.equal(`+OK ${OUT}\n`);
      await waitForEvent(client, 'CHANNEL_PARK', OUT);
      expect(at(client, 'CHANNEL_PROGRESS_MEDIA', OUT)).to.be.lessThan(at(client, 'CHANNEL_ANSWER', OUT));
      expect(at(client, 'CHANNEL_ANSWER', OUT)).to.be.lessThan(at(client, 'BACKGROUND_JOB'));
      expect(at(client, 'BACKGROUND_JOB')).to.be.lessThan(at(client, 'CHANNEL_PARK', OUT));
      const park = client.received[at(client, 'CHANNEL_PARK', OUT)]!;
      expect(eventHeader(park, 'Answer-State')).to.equal('answered');
      expect(eventHeader(park, 'variable_originate_early_media')).to.equal('false');
      await client.close();
    });
  }

  it('early_media that never answers: a plain originate returns +OK; with ignore_early_media it ends NO_ANSWER at originate_timeout', async () => {
    const client = await sim.client({ subscribe: ALL_CALL_EVENTS });
    expect(await originate(client, '799')).to.equal(`+OK ${OUT}\n`);
    expect(await api(client, `uuid_kill ${OUT}`)).to.equal('+OK\n');
    await waitForEvent(client, 'CHANNEL_DESTROY', OUT);
    const from = client.received.length;
    expect(await originate(client, '799', ',ignore_early_media=true,originate_timeout=3')).to.equal(
      '-ERR NO_ANSWER\n',
    );
    const hangup = await client.waitFor(
      (m) => eventName(m) === 'CHANNEL_HANGUP' && eventHeader(m, 'Unique-ID') === OUT,
      5000,
      from,
    );
    expect(eventHeader(hangup, 'Hangup-Cause')).to.equal('NO_ANSWER');
    expect(eventHeader(hangup, 'Answer-State')).to.equal('hangup');
    await client.close();
  });

  it('uuid_bridge with a forward leg in early media: BRIDGE at once, the inbound leg answers right after the forward leg; execute_on_answer caps it; recordings count answered time only', async () => {
    const client = await sim.client({ subscribe: ALL_CALL_EVENTS });
    const { uuid: inbound } = sim.node.placeCall({
      dialled: '600902',
      callerNumber: '48221234567',
      callerName: 'Alice Caller',
    });
    await waitForEvent(client, 'CHANNEL_PARK', inbound);
    expect(
      await originate(
        client,
        '709',
        `,callfwd_parent=${inbound},execute_on_answer='sched_hangup +5 ALLOTTED_TIMEOUT'`,
      ),
    ).to.equal(`+OK ${OUT}\n`);
    expect(await api(client, `uuid_pre_answer ${inbound}`)).to.equal('+OK\n');
    expect(await api(client, `uuid_setvar ${inbound} RECORD_ANSWER_REQ true`)).to.equal('+OK\n');
    expect(await api(client, `uuid_record ${inbound} start /tmp/${inbound}.wav`)).to.equal('+OK Success\n');
    expect(await api(client, `uuid_bridge ${inbound} ${OUT}`)).to.equal(`+OK ${OUT}\n`);
    const stop = await waitForEvent(client, 'RECORD_STOP', inbound, 10_000);
    await waitForEvent(client, 'CHANNEL_HANGUP_COMPLETE', inbound);

    expect(at(client, 'RECORD_START', inbound)).to.be.lessThan(at(client, 'CHANNEL_ANSWER', OUT)); // during early media
    expect(at(client, 'CHANNEL_BRIDGE', inbound)).to.be.lessThan(at(client, 'CHANNEL_ANSWER', OUT));
    expect(at(client, 'CHANNEL_ANSWER', OUT)).to.be.lessThan(at(client, 'CHANNEL_ANSWER', inbound));
    const answerIn = client.received[at(client, 'CHANNEL_ANSWER', inbound)]!;
    expect(eventHeader(answerIn, 'variable_bridge_to')).to.equal(OUT);
    const answered = Number(
      eventHeader(client.received[at(client, 'CHANNEL_ANSWER', OUT)]!, 'Caller-Channel-Answered-Time'),
    );
    const outHangup = client.received[at(client, 'CHANNEL_HANGUP', OUT)]!;
    expect(eventHeader(outHangup, 'Hangup-Cause')).to.equal('ALLOTTED_TIMEOUT');
    // sched_hangup +5 from the answer: never early; late only by the simulator's timer (a loaded
    // machine's event loop delays it: 5.66 s once, in a full run beside a soak at load 7.7).
    expect(Number(eventHeader(outHangup, 'Caller-Channel-Hangup-Time')) - answered).to.be.within(
      5_000_000,
      6_000_000,
    );
    expect(eventHeader(client.received[at(client, 'CHANNEL_HANGUP', inbound)]!, 'Hangup-Cause')).to.equal(
      'NORMAL_CLEARING',
    );
    expect(eventHeader(outHangup, 'variable_current_application')).to.equal('sched_hangup');
    // The capture node: record_ms 4500 for 5000 ms answered (audio starts after the answer): the
    // inbound leg's answered time, to its hangup, less 500 ms. Read from the events' own clock, so a
    // loaded machine that hangs the inbound leg up late moves both alike.
    const inAnswered = Number(eventHeader(answerIn, 'Caller-Channel-Answered-Time'));
    const inHungUp = Number(eventHeader(client.received[at(client, 'CHANNEL_HANGUP', inbound)]!, 'Caller-Channel-Hangup-Time'));
    const expected = (inHungUp - inAnswered) / 1000 - 500;
    expect(expected).to.be.greaterThan(4_000);
    expect(Number(eventHeader(stop, 'variable_record_ms'))).to.be.within(expected - 50, expected + 50);
    await client.close();
  });
});
