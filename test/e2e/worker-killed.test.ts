import { expect } from 'chai';
import { startStack, type Stack } from '../support/stack.js';
import { E2E_ENV, TARGETS } from '../support/e2e-config.js';
import { runCallfwd, writeConfigFile, type CallfwdProcess } from '../support/run-process.js';
import { waitFor } from '../support/wait-for.js';

describe('e2e 9: the worker process is killed in the middle of jobs', function () {
  this.timeout(120_000);
  let stack: Stack;
  const workers: CallfwdProcess[] = [];

  before(async () => {
    stack = await startStack({
      clockRate: 1,
      worker: false,
      // Targets ring for 1.5 s, then talk for 10 s: the kill lands while legs ring.
      farEnds: { [TARGETS.anna.slice(1)]: { kind: 'answer', afterMs: 1_500, hangupAfterMs: 10_000 } },
    });
  });
  after(async () => {
    for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
    await Promise.all(workers.map((w) => w.exited));
    await stack.stop();
  });

  it('another worker finishes them: each target rang once, each leg was charged once', async () => {
    const configPath = writeConfigFile(stack.configInput);
    const first = runCallfwd('worker', configPath, E2E_ENV);
    workers.push(first);
    await first.ready;

    const calls = Array.from({ length: 30 }, (_, i) =>
      stack.placeCall({ connection: 'pbx-b', dialled: '48221120001', callerNumber: `4850100${String(i).padStart(4, '0')}`, callerName: 'K', disposition: 'NO_ANSWER' }),
    );
    // Kill it once every call has its leg ringing, before any target answered.
    await waitFor('every call originated', () => calls.every((c) => stack.originatesFor(c).length > 0), 10_000);
    first.child.kill('SIGKILL');
    expect(await first.exited).to.equal(null);

    const second = runCallfwd('worker', configPath, E2E_ENV);
    workers.push(second);
    await second.ready;

    const records = await Promise.all(calls.map((c) => stack.waitForRecord(c, 60_000)));
    for (const [i, call] of calls.entries()) {
      expect(stack.originatesFor(call), `originates of call ${i}`).to.have.length(1);
      expect(records[i]!.outcome, `outcome of call ${i}`).to.equal('answered');
    }
    const debits = await stack.ledger.listDebits('platform', 1000);
    const perLeg = new Map<string, number>();
    for (const d of debits) perLeg.set(d.leg, (perLeg.get(d.leg) ?? 0) + 1);
    expect(perLeg.size).to.equal(30);
    expect([...perLeg.values()].every((n) => n === 1)).to.equal(true);
    const charged = records.reduce((sum, r) => sum + r.cost, 0);
    expect(charged).to.equal(debits.reduce((sum, d) => sum + d.amount, 0));
    // The second worker carried on forwards the first one had started (their answers were its jobs).
    // (Its log lines reach us a moment after the records are in Redis.)
    const recordedBySecond = () => second.lines.filter((l) => l.msg === 'forward recorded').length;
    await waitFor('the second worker logged every record', () => recordedBySecond() === 30, 10_000).catch(() => undefined);
    expect(recordedBySecond()).to.equal(30);
  });
});
