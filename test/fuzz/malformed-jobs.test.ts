import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { Queue } from 'bullmq';
import { DEFAULT_JOB_OPTIONS, queuePrefix, type QueueName } from '@callfwd/store';
import { startStack, type Stack } from '../support/stack.js';
import { waitFor } from '../support/wait-for.js';

const uuid = () => randomUUID();
const goodPark = () => {
  const callUuid = uuid();
  return {
    v: 2,
    node: 'fs1',
    callUuid,
    event: {
      kind: 'parked',
      call: { node: 'fs1', callUuid, connection: 'pbx-b', dialled: '48221120001', callerNumber: '48221234567', callerName: 'Alice', disposition: 'NO_ANSWER', parkedAt: Date.now(), isForwardLeg: false },
    },
  };
};
const legHangup = (billsec: unknown) => ({
  v: 2,
  node: 'fs1',
  callUuid: uuid(),
  event: { kind: 'leg_hung_up', legUuid: uuid(), cause: 'NORMAL_CLEARING', billsec, answeredAt: null, endedAt: 1, bridgedAt: null },
});

/** Payloads a broken or hostile producer could add; each must fail once, with its reason, and never run again. */
const GARBAGE: ReadonlyArray<{ queue: QueueName; name: string; data: unknown; reason: RegExp }> = [
  { queue: 'forward', name: 'null', data: null, reason: /bad forward job payload/ },
  { queue: 'forward', name: 'a string', data: 'originate sofia/gateway/evil/1 &park()', reason: /bad forward job payload/ },
  { queue: 'forward', name: 'a number', data: 42, reason: /bad forward job payload/ },
  { queue: 'forward', name: 'an array', data: [goodPark()], reason: /bad forward job payload/ },
  { queue: 'forward', name: 'an empty object', data: {}, reason: /bad forward job payload/ },
  { queue: 'forward', name: 'a past version', data: { ...goodPark(), v: 1 }, reason: /bad forward job payload.*v/ },
  { queue: 'forward', name: 'a call uuid that is not one', data: { ...goodPark(), callUuid: 'x; api hupall' }, reason: /bad forward job payload.*callUuid/ },
  {
    queue: 'forward',
    name: 'a 1 MB caller name',
    data: (() => {
      const job = goodPark();
      return { ...job, event: { ...job.event, call: { ...job.event.call, callerName: 'A'.repeat(1 << 20) } } };
    })(),
    reason: /bad forward job payload.*callerName/,
  },
  { queue: 'forward', name: 'a node not in the config', data: { ...goodPark(), node: 'fs9' }, reason: /node fs9, which is not in the config/ },
  { queue: 'forward', name: 'an unknown event', data: { ...goodPark(), event: { kind: 'hupall' } }, reason: /bad forward job payload.*kind/ },
  { queue: 'forward', name: 'a prototype-polluting object', data: JSON.parse('{"__proto__":{"v":2},"constructor":{"prototype":{"x":1}}}') as unknown, reason: /bad forward job payload/ },
  { queue: 'forward', name: 'negative billsec', data: legHangup(-60), reason: /bad forward job payload.*billsec/ },
  { queue: 'forward', name: 'a string billsec', data: legHangup('60'), reason: /bad forward job payload.*billsec/ },
];

describe('fuzz: malformed jobs added straight to the queues', function () {
  this.timeout(60_000);
  let stack: Stack;
  const queues = new Map<QueueName, Queue>();

  before(async () => {
    stack = await startStack();
    for (const name of ['forward'] as const) {
      queues.set(name, new Queue(name, { connection: stack.redis, prefix: queuePrefix(stack.prefix, 'fs1'), defaultJobOptions: DEFAULT_JOB_OPTIONS }));
    }
  });
  after(async () => {
    for (const q of queues.values()) await q.close();
    await stack?.stop();
  });

  it('fails each one at once with a clear reason, never retried, and sends nothing to the node', async () => {
    const commandsBefore = stack.node('fs1').commands().length;
    const added = await Promise.all(
      GARBAGE.map(async (g, i) => {
        const job = await queues.get(g.queue)!.add(g.queue, g.data, { jobId: `garbage-${i}-${uuid()}` });
        return { ...g, id: job.id as string };
      }),
    );
    for (const g of added) {
      const queue = queues.get(g.queue)!;
      const failed = await waitFor(`${g.queue} job with ${g.name} to fail`, async () => ((await queue.getJobState(g.id)) === 'failed' ? true : undefined), 20_000);
      expect(failed).to.equal(true);
      const job = await queue.getJob(g.id);
      expect(job, g.name).to.not.equal(undefined);
      expect(job!.attemptsMade, `${g.queue} ${g.name}: attempts`).to.equal(1);
      expect(job!.failedReason, `${g.queue} ${g.name}`).to.match(g.reason);
    }
    // Jobs that failed for good stay failed: nothing is scheduled to run them again.
    for (const queue of queues.values()) {
      const counts = await queue.getJobCounts('delayed', 'waiting', 'active', 'failed');
      expect(counts.delayed).to.equal(0);
      expect(counts.waiting).to.equal(0);
      expect(counts.active).to.equal(0);
    }
    const sent = stack.node('fs1').commands().slice(commandsBefore).map((c) => c.raw);
    expect(sent.filter((raw) => raw.startsWith('api') || raw.startsWith('bgapi'))).to.deep.equal([]);
    expect(await stack.ledger.listDebits('platform', 10)).to.have.length(0);
  });
});
