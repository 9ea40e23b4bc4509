// FreeSWITCH's core scheduler (switch_scheduler.c) as the api commands see it: numbered tasks
// with a group, run once at their time (or every N s), deleted by id or by group.
import type { SimClock } from './sim-clock.js';

/** `show tasks` reads the core DB, which the scheduler fills asynchronously: the capture node
 *  did not list tasks added 4-9 ms earlier, and did 500 ms later. */
const SHOW_TASKS_LAG_MS = 100;
/** The task thread wakes every 500 ms and only then frees deleted or finished tasks; until then
 *  `sched_del <id>` still finds (and counts) a task already deleted through its group. */
const REAP_AFTER_MS = 500;
/** mod_hash's periodic cleanup: task 3 on the capture node, every 900 s. */
const HASH_CLEANUP = { id: 3, desc: 'limit_hash_cleanup', group: 'mod_hash', everySec: 900 } as const;

export interface TaskInput {
  /** Seconds from now (`+N`), or `at` an epoch second. */
  readonly inSec?: number;
  readonly atEpoch?: number;
  /** Runs again every this many seconds (`sched_api @N`). */
  readonly repeatSec?: number;
  readonly desc: string;
  readonly group: string;
  readonly run: () => void;
}

export interface TaskRow {
  readonly id: number;
  readonly desc: string;
  readonly group: string;
  /** Epoch second the task is due. */
  readonly runtime: number;
}

export interface Scheduler {
  /** Adds a task; returns its id. */
  add(task: TaskInput): number;
  /** `sched_del <id>`: 1 if the task is still in the list (even if already deleted), else 0. */
  deleteId(id: number): number;
  /** `sched_del <group>`: how many live tasks of the group were deleted. */
  deleteGroup(group: string): number;
  /** What `show tasks` lists now. */
  rows(): readonly TaskRow[];
}

interface Task extends TaskRow {
  runtime: number;
  readonly addedUs: number;
  destroyed: boolean;
  cancel: () => void;
}

export function createScheduler(clock: SimClock): Scheduler {
  const tasks = new Map<number, Task>();
  const startEpoch = Math.floor(clock.nowMicros() / 1e6);
  let lastId = HASH_CLEANUP.id;
  const nowEpoch = (): number => Math.floor(clock.nowMicros() / 1e6);

  const destroy = (task: Task): void => {
    task.destroyed = true;
    task.cancel();
    clock.after(REAP_AFTER_MS, () => tasks.delete(task.id));
  };

  const arm = (task: Task, delayMs: number, input: TaskInput): void => {
    task.cancel = clock.after(Math.max(0, delayMs), () => {
      if (task.destroyed) return;
      input.run();
      if (input.repeatSec !== undefined && input.repeatSec > 0 && !task.destroyed) {
        task.runtime = nowEpoch() + input.repeatSec;
        arm(task, input.repeatSec * 1000, input);
      } else {
        destroy(task);
      }
    });
  };

  return {
    add(input) {
      lastId += 1;
      const nowUs = clock.nowMicros();
      const delayMs =
        input.atEpoch === undefined ? (input.inSec ?? 0) * 1000 : input.atEpoch * 1000 - nowUs / 1000;
      const runtime = input.atEpoch ?? Math.floor(nowUs / 1e6) + (input.inSec ?? 0);
      const task: Task = {
        id: lastId,
        desc: input.desc,
        group: input.group,
        runtime,
        addedUs: nowUs,
        destroyed: false,
        cancel: () => undefined,
      };
      tasks.set(task.id, task);
      arm(task, delayMs, input);
      return task.id;
    },
    deleteId(id) {
      const task = tasks.get(id);
      if (task === undefined) return 0;
      if (!task.destroyed) destroy(task);
      return 1;
    },
    deleteGroup(group) {
      const live = [...tasks.values()].filter((task) => task.group === group && !task.destroyed);
      live.forEach(destroy);
      return live.length;
    },
    rows() {
      const now = clock.nowMicros();
      const elapsed = Math.max(0, nowEpoch() - startEpoch);
      const cleanup: TaskRow = {
        id: HASH_CLEANUP.id,
        desc: HASH_CLEANUP.desc,
        group: HASH_CLEANUP.group,
        runtime: startEpoch + (Math.floor(elapsed / HASH_CLEANUP.everySec) + 1) * HASH_CLEANUP.everySec,
      };
      const listed = [...tasks.values()]
        .filter((task) => !task.destroyed && now - task.addedUs >= SHOW_TASKS_LAG_MS * 1000)
        .map(({ id, desc, group, runtime }) => ({ id, desc, group, runtime }));
      return [cleanup, ...listed];
    },
  };
}
