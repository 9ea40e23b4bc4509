// BACKGROUND_JOB goes to every connection subscribed to it, not only to the one that sent the
// bgapi, with Job-Command and Job-Command-Arg as the capture node sends them
// (esl-real-next/event-filters: its unfiltered `observer` socket got the controller's jobs).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { NEXT_CAPTURES_DIR } from '../support/capture-scenario.js';
import type { EslMessage } from '../support/esl-messages.js';
import { eventName, splitMessages } from '../support/esl-messages.js';
import { eventHeader, waitForJob } from '../support/event-helpers.js';
import type { SimFixture } from '../support/sim-fixture.js';
import { startSim } from '../support/sim-fixture.js';

const ARG =
  "{origination_uuid=86eac115-02a1-4af6-bf5d-762f9b659326,origination_caller_id_number=48220000001,origination_caller_id_name='Forward Via',callfwd_parent=tag-0}loopback/700/forward-target &park()";
const JOB = '5ef7df17-4629-4101-91a6-bd6d6e69ca89';

const headerNames = (message: EslMessage): string[] => message.event!.headers.map(([name]) => name);

describe('BACKGROUND_JOB fan-out', () => {
  let sim: SimFixture;
  beforeEach(async () => {
    sim = await startSim({ farEnds: { '700': { kind: 'answer', afterMs: 0, hangupAfterMs: 3000 } } });
  });
  afterEach(async () => sim.close());

  it("reaches the sender and every unfiltered subscriber, plain or json, with the capture's headers; a filtered socket drops it", async () => {
    const controller = await sim.client({
      subscribe: 'json CHANNEL_ANSWER CHANNEL_HANGUP_COMPLETE BACKGROUND_JOB',
    });
    const observer = await sim.client({
      subscribe: 'json CHANNEL_CREATE CHANNEL_ANSWER CHANNEL_HANGUP_COMPLETE BACKGROUND_JOB',
    });
    const plain = await sim.client({ subscribe: 'plain BACKGROUND_JOB' });
    const filtered = await sim.client({ subscribe: 'json BACKGROUND_JOB CHANNEL_ANSWER' });
    filtered.send('filter variable_callfwd_parent tag-1\n\n');
    await filtered.waitForCount(4);
    const unsubscribed = await sim.client({ subscribe: 'json CHANNEL_ANSWER' });

    controller.send(`bgapi originate ${ARG}\nJob-UUID: ${JOB}\n\n`);
    const jobs = await Promise.all([controller, observer, plain].map((client) => waitForJob(client, JOB)));
    for (const job of jobs) {
      expect(eventHeader(job, 'Job-Command')).to.equal('originate');
      expect(eventHeader(job, 'Job-Command-Arg')).to.equal(ARG);
      expect(job.event!.body).to.equal('+OK 86eac115-02a1-4af6-bf5d-762f9b659326\n');
    }
    expect(plain.bytes().toString()).to.contain(
      "Job-Command-Arg: %7Borigination_uuid%3D86eac115-02a1-4af6-bf5d-762f9b659326,origination_caller_id_number%3D48220000001,origination_caller_id_name%3D'Forward%20Via',callfwd_parent%3Dtag-0%7Dloopback/700/forward-target%20%26park()\n",
    );

    const real = splitMessages(
      readFileSync(join(NEXT_CAPTURES_DIR, 'event-filters', 'observer.recv.raw')),
    ).find((message) => eventName(message) === 'BACKGROUND_JOB')!;
    expect(headerNames(jobs[1]!)).to.deep.equal(headerNames(real));

    await observer.waitFor((m) => eventName(m) === 'CHANNEL_ANSWER');
    expect(filtered.received.some((m) => eventName(m) === 'BACKGROUND_JOB')).to.equal(false);
    expect(unsubscribed.received.some((m) => eventName(m) === 'BACKGROUND_JOB')).to.equal(false);
  });

  it('a command without arguments has no Job-Command-Arg', async () => {
    const sender = await sim.client({ subscribe: 'json BACKGROUND_JOB' });
    const other = await sim.client({ subscribe: 'json BACKGROUND_JOB' });
    sender.send('bgapi status\nJob-UUID: 11111111-2222-3333-4444-555555555555\n\n');
    for (const client of [sender, other]) {
      const job = await waitForJob(client, '11111111-2222-3333-4444-555555555555');
      expect(eventHeader(job, 'Job-Command')).to.equal('status');
      expect(eventHeader(job, 'Job-Command-Arg')).to.equal(undefined);
    }
  });
});
