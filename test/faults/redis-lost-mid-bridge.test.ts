import { rmSync } from 'node:fs';
import { expect } from 'chai';
import { startStack, type Stack } from '../support/stack.js';
import { TARGETS } from '../support/e2e-config.js';
import { sleep, waitFor } from '../support/wait-for.js';
import { startRedisServer, type RedisServer } from './support/redis-servers.js';

describe('faults: Redis goes away between the bridge and its record', function () {
  this.timeout(90_000);
  let redis: RedisServer;
  let stack: Stack;
  before(async () => {
    redis = await startRedisServer();
    // The target talks 30 s (1.5 s real): the call is over before Redis is back.
    stack = await startStack({ redisUrl: redis.url, clockRate: 20, farEnds: { [TARGETS.anna.slice(1)]: { kind: 'answer', afterMs: 1_000, hangupAfterMs: 30_000 } } });
    stack.redis.on('error', () => undefined);
  });
  after(async () => {
    await redis?.start().catch(() => undefined);
    await stack?.stop();
    await redis?.stop();
    if (redis) rmSync(redis.dir, { recursive: true, force: true });
  });

  it('the resumed forward knows the bridge was sent: the call is recorded answered and charged once', async () => {
    const node = stack.node('fs1');
    const before = await stack.ledger.getBalance('platform');
    // Commands take 300 ms, so Redis can be stopped after uuid_bridge is sent and before its reply.
    node.setCommandDelay(300);
    const call = stack.placeCall({ connection: 'pbx-b', dialled: '48221120001', callerNumber: '48221234567', callerName: 'Mid', disposition: 'NO_ANSWER' });
    await waitFor('uuid_bridge sent', () => stack.commandsAbout(call).some((raw) => raw.startsWith(`api uuid_bridge ${call}`)), 20_000, 5);
    await redis.stop();
    node.setCommandDelay(0);
    // The two talk and hang up while Redis is away.
    await waitFor('the call over', () => !node.channels().some((c) => c.uuid === call), 20_000);
    await sleep(500);
    await redis.start();

    const record = await stack.waitForRecord(call, 30_000);
    expect(record.outcome).to.equal('answered');
    expect(stack.originatesFor(call)).to.have.length(1);
    await waitFor('the leg charged', async () => (await stack.ledger.listDebits('platform', 10)).length === 1, 20_000);
    const after = await stack.ledger.getBalance('platform');
    // 30 s of talk at 60/60 is one minute at 15 (prefix 486).
    expect(before.balance - after.balance).to.equal(15);
    expect(record.cost).to.equal(15);
    await waitFor('no hold left', async () => (await stack.ledger.getBalance('platform')).reserved === 0, 10_000);
  });
});
