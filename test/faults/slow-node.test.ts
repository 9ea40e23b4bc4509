import { expect } from 'chai';
import { startStack, type Stack } from '../support/stack.js';
import { TARGETS } from '../support/e2e-config.js';
import { sleep, waitFor } from '../support/wait-for.js';
import { atMostOncePerLine } from './support/originates.js';

const CALL = { connection: 'pbx-b', dialled: '48221120001', callerNumber: '48221234567', callerName: 'Slow', disposition: 'NO_ANSWER' } as const;
const COMMAND_TIMEOUT_MS = 500;

describe('faults: a node that answers commands slowly', function () {
  this.timeout(120_000);
  let stack: Stack;
  before(async () => {
    stack = await startStack({
      clockRate: 20,
      farEnds: { [TARGETS.anna.slice(1)]: { kind: 'answer', afterMs: 1_000, hangupAfterMs: 20_000 } },
      editConfig: (input) => {
        input.worker = { ...input.worker, commandTimeoutMs: COMMAND_TIMEOUT_MS };
      },
    });
  });
  after(() => stack?.stop());

  it('times commands out, piles nothing up, and every call still ends forwarded or with its fallback', async () => {
    const node = stack.node('fs1');
    const commandsBefore = node.commands().length;
    node.setCommandDelay(COMMAND_TIMEOUT_MS + 300);
    const calls: string[] = [];
    for (let i = 0; i < 20; i++) {
      calls.push(stack.placeCall(CALL));
      await sleep(100);
    }
    await sleep(3_000);
    const duringSlow = node.commands().length - commandsBefore;
    node.setCommandDelay(0);

    const ends = await Promise.all(
      calls.map((c) =>
        waitFor(`a record or fallback for ${c}`, async () => {
          const r = await stack.records.get(c);
          if (r) return r.outcome;
          return stack.commandsAbout(c).some((raw) => raw.startsWith(`api uuid_transfer ${c}`)) ? 'fallback' : undefined;
        }, 60_000, 100),
      ),
    );
    for (const end of ends) expect(['answered', 'failed', 'no_answer', 'fallback']).to.include(end);
    for (const c of calls) expect(atMostOncePerLine(stack, c), c).to.equal(true);
    // Timeouts fired: the worker and listener gave up on the slow socket and replaced it.
    const timeouts = stack.logs.filter((l) => l.msg === 'event socket down' && l.reason === 'COMMAND_TIMEOUT');
    expect(timeouts.length).to.be.greaterThan(0);
    // Nothing piled up: a bounded trickle of commands reached the node while it was slow (sockets are replaced, not queued on).
    expect(duringSlow).to.be.lessThan(calls.length * 10);
    await waitFor('no call left parked', () => !node.channels().some((c) => c.parked && c.direction === 'inbound'), 30_000);
    await waitFor('no credit left on hold', async () => (await stack.ledger.getBalance('platform')).reserved === 0, 30_000);
  });
});
