import { expect } from 'chai';
import { createScheduler } from '../../src/model/scheduler.js';
import type { Scheduler } from '../../src/model/scheduler.js';
import type { SimClock } from '../../src/model/sim-clock.js';
import { createSimClock } from '../../src/model/sim-clock.js';

// 100 sim ms per real ms: a sim second is 10 real ms.
const RATE = 100;

describe('core scheduler', () => {
  let clock: SimClock;
  let scheduler: Scheduler;
  let ran: string[];
  const task = (group: string, inSec: number, name = group): number =>
    scheduler.add({ inSec, desc: 'sched_api_function', group, run: () => ran.push(name) });

  beforeEach(() => {
    clock = createSimClock(RATE);
    scheduler = createScheduler(clock);
    ran = [];
  });
  afterEach(() => clock.stop());

  it('numbers tasks after mod_hash cleanup (task 3), which every node lists', () => {
    expect([task('g', 10), task('g', 10), task('h', 10)]).to.deep.equal([4, 5, 6]);
    expect(scheduler.rows().map((row) => [row.id, row.desc, row.group])).to.deep.equal([
      [3, 'limit_hash_cleanup', 'mod_hash'],
    ]);
  });

  it('show tasks lists a task only some time after it was added, with its due epoch second', async () => {
    const now = Math.floor(clock.nowMicros() / 1e6);
    const id = task('cf-1', 8);
    expect(scheduler.rows().map((row) => row.id)).to.deep.equal([3]);
    await clock.sleep(200);
    expect(scheduler.rows().slice(1)).to.deep.equal([
      { id, desc: 'sched_api_function', group: 'cf-1', runtime: now + 8 },
    ]);
  });

  // The capture node's answers (esl-real-next/sched-and-broadcast), in the order it was asked.
  const captured: ReadonlyArray<readonly [string, (ids: readonly number[]) => number, number]> = [
    ['sched_del <second id>', (ids) => scheduler.deleteId(ids[1]!), 1],
    ['sched_del <group>: only the first is still live', () => scheduler.deleteGroup('cf-out'), 1],
    ['sched_del <first id>, already deleted through its group', (ids) => scheduler.deleteId(ids[0]!), 1],
    ['sched_del <group> again: emptied', () => scheduler.deleteGroup('cf-out'), 0],
    ['sched_del 999999: unknown', () => scheduler.deleteId(999_999), 0],
  ];
  it('sched_del counts as the capture node did', () => {
    const ids = [task('cf-out', 2), task('cf-out', 2)];
    for (const [what, del, count] of captured) expect(del(ids), what).to.equal(count);
  });

  it('a deleted task is freed half a second later: then its id is unknown', async () => {
    const id = task('g', 10);
    expect(scheduler.deleteId(id)).to.equal(1);
    await clock.sleep(600);
    expect(scheduler.deleteId(id)).to.equal(0);
  });

  it('runs a task at its time, once, unless it was deleted first; tasks of one group run independently', async () => {
    task('a', 1, 'first');
    task('a', 2, 'second');
    const deleted = task('b', 1, 'deleted');
    scheduler.deleteId(deleted);
    await clock.sleep(1500);
    expect(ran).to.deep.equal(['first']);
    await clock.sleep(1000);
    expect(ran).to.deep.equal(['first', 'second']);
    expect(scheduler.rows().map((row) => row.id)).to.deep.equal([3]);
  });

  it('a repeating task (sched_api @N) runs every N seconds until deleted', async () => {
    const id = scheduler.add({
      inSec: 1,
      repeatSec: 1,
      desc: 'sched_api_function',
      group: 'tick',
      run: () => ran.push('tick'),
    });
    await clock.sleep(3500);
    expect(ran).to.deep.equal(['tick', 'tick', 'tick']);
    expect(scheduler.deleteGroup('tick')).to.equal(1);
    await clock.sleep(2000);
    expect(ran).to.have.length(3);
    expect(scheduler.deleteId(id)).to.equal(0);
  });
});
