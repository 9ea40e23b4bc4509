import { expect } from 'chai';
import { createCallGenerator, type CallGeneratorStats } from '@callfwd/fs-sim';
import { startStack, type Stack } from '../support/stack.js';
import { E2E_ENV, TARGETS } from '../support/e2e-config.js';
import { sleep, waitFor } from '../support/wait-for.js';
import { startCallfwd, writeConfigFile, type CallfwdProcess } from './support/callfwd-process.js';
import { atMostOncePerLine } from './support/originates.js';

const CPS = 110;
const CALLS = 2_200;

describe('faults: a worker process killed with SIGKILL under load', function () {
  this.timeout(180_000);
  let stack: Stack;
  let config: { path: string; remove(): void };
  const workers: CallfwdProcess[] = [];

  before(async () => {
    stack = await startStack({
      clockRate: 20,
      worker: false,
      // Rings 1 s, talks 20 s (sim time): 50 ms and 1 s real at clock rate 20.
      farEnds: { [TARGETS.anna.slice(1)]: { kind: 'answer', afterMs: 1_000, hangupAfterMs: 20_000 } },
      editConfig: (input) => {
        input.worker = { ...input.worker, concurrency: 200 };
        // Each forward holds up to an hour's worth; enough credit for every call of the load at once.
        input.accounts.find((a) => a.id === 'platform')!.openingBalance = 100_000_000;
      },
    });
    config = writeConfigFile(stack.configInput);
  });
  after(async () => {
    await Promise.all(workers.map((w) => w.kill('SIGKILL')));
    await stack?.stop();
    config?.remove();
  });

  it('the other worker takes over: every call forwarded or given its fallback, one leg per line, each leg charged once', async () => {
    for (let i = 0; i < 2; i++) workers.push(startCallfwd(['run', '--config', config.path, '--role', 'worker', '--http-port', '0'], E2E_ENV));
    await Promise.all(workers.map((w) => w.waitForReady(60_000)));
    const [victim, survivor] = workers as [CallfwdProcess, CallfwdProcess];

    const generator = createCallGenerator({
      nodes: [stack.node('fs1'), stack.node('fs2')],
      cps: CPS,
      durationMs: 60_000,
      maxCalls: CALLS,
      seed: 7,
      mix: [{ weight: 1, call: { connection: 'pbx-b', dialled: '48221120001', callerNumber: '48221234567', callerName: 'Load', disposition: 'NO_ANSWER' } }],
    });
    // Kill one worker while it holds jobs in every step, about a third into the load.
    await waitFor('a third of the calls placed', () => stack.node('fs1').originates().length > CALLS / 6, 60_000, 50);
    const killedAt = stack.node('fs1').originates().length + stack.node('fs2').originates().length;
    expect(await victim.kill('SIGKILL')).to.equal('SIGKILL');
    const stats: CallGeneratorStats = await generator.done;
    expect(stats.placed).to.equal(CALLS);

    const calls = stats.calls;
    const outcomes = new Map<string, number>();
    const deadline = Date.now() + 90_000;
    for (const call of calls) {
      const record = await waitFor(`a record or fallback for ${call.uuid}`, async () => {
        const r = await stack.records.get(call.uuid);
        if (r) return r.outcome;
        if (stack.commandsAbout(call.uuid, call.node).some((raw) => raw.startsWith(`api uuid_transfer ${call.uuid}`))) return 'fallback';
        return undefined;
      }, Math.max(1_000, deadline - Date.now()), 100);
      outcomes.set(record, (outcomes.get(record) ?? 0) + 1);
    }
    for (const call of calls) expect(atMostOncePerLine(stack, call.uuid, call.node), `call ${call.uuid}`).to.equal(true);
    // Every call ended (the loop above found a record or fallback for each). The kill cuts off only
    // the forwards whose jobs the victim was running: at most its concurrency (200). Those whose
    // bridge it was sending end `failed` (their target talks 1 s, gone before the job is found
    // stalled, 5-10 s later) or ring out; every other call was forwarded.
    const summary = JSON.stringify([...outcomes]);
    expect(outcomes.get('answered') ?? 0, summary).to.be.at.least(CALLS - 200);
    expect([...outcomes.keys()].every((o) => ['answered', 'failed', 'no_answer', 'fallback'].includes(o)), summary).to.equal(true);

    // Each leg charged at most once, and every answered forward exactly once.
    await sleep(1_500);
    const debits = await stack.ledger.listDebits('platform', 10_000);
    const perLeg = new Map<string, number>();
    for (const d of debits) perLeg.set(d.leg, (perLeg.get(d.leg) ?? 0) + 1);
    expect([...perLeg.values()].every((n) => n === 1)).to.equal(true);
    await waitFor('every answered forward charged', async () => (await stack.ledger.listDebits('platform', 10_000)).length >= (outcomes.get('answered') ?? 0), 30_000);
    // The survivor carried on forwards the victim had started: their answers and hangups were its jobs.
    expect(killedAt).to.be.greaterThan(0);
    const startedByVictim = new Set(victim.logs().filter((l) => l.msg === 'originate sent').map((l) => l.callUuid));
    const endedBySurvivor = survivor.logs().filter((l) => l.msg === 'forward recorded' && startedByVictim.has(l.callUuid));
    expect(endedBySurvivor.length).to.be.greaterThan(0);
  });
});
