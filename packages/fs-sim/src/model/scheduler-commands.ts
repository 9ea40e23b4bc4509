// The scheduler api commands with FreeSWITCH 1.10.12's replies (fixtures esl-real-next/
// sched-and-broadcast): sched_api, sched_del, sched_hangup, sched_broadcast, uuid_broadcast, show tasks.
import { hangup } from './channel-actions.js';
import type { NodeState } from './node-state.js';
import { liveChannel } from './node-state.js';
import { parseScheduleTime, scheduleBroadcast, scheduleHangup } from './scheduled-actions.js';

export type ApiHandler = (state: NodeState, args: string[], rest: string) => string | Promise<string>;
type RunApi = (state: NodeState, line: string) => Promise<string>;

const SCHED_API_USAGE = '-ERR Invalid syntax. USAGE: [+@]<time> <group_name> <command_string>[&]\n';

/** `run` executes a scheduled api command line (the node's own runApi). */
export function createSchedulerCommands(run: RunApi): Readonly<Record<string, ApiHandler>> {
  return {
    sched_api(state, _args, rest) {
      const match = /^(\S+) (\S+) (.+)$/.exec(rest);
      const when = match === null ? undefined : /^(\+|@)?(\d+)$/.exec(match[1]!);
      if (match === null || when == null) return SCHED_API_USAGE;
      const seconds = Number(when[2]);
      // A trailing `&` runs the command in its own thread: the same here.
      const command = match[3]!.replace(/&$/, '').trim();
      const id = state.scheduler.add({
        ...(when[1] === undefined ? { atEpoch: seconds } : { inSec: seconds }),
        ...(when[1] === '@' ? { repeatSec: seconds } : {}),
        desc: 'sched_api_function',
        group: match[2]!,
        run: () => void run(state, command),
      });
      return `+OK Added: ${id}\n`;
    },
    sched_del(state, _args, rest) {
      if (rest === '') return '-ERR Invalid syntax\n';
      // A digit string is a task id, anything else a group; never an error.
      const count = /^\d+$/.test(rest)
        ? Number(rest) > 0
          ? state.scheduler.deleteId(Number(rest))
          : 0
        : state.scheduler.deleteGroup(rest);
      return `+OK Deleted: ${count}\n`;
    },
    sched_hangup(state, [when, uuid, cause]) {
      const time = when === undefined ? undefined : parseScheduleTime(when);
      if (time === undefined) return '-USAGE: [+]<time> <uuid> [<cause>]\n';
      const channel = liveChannel(state, uuid);
      if (channel === undefined || uuid === undefined) return '-ERR No Such Channel!\n';
      const hangupCause = cause ?? 'ALLOTTED_TIMEOUT';
      // `+0` hangs up at once; two tasks for one channel both stay scheduled, the earlier wins.
      if (time.inSec === 0) state.clock.after(0, () => hangup(state, channel, hangupCause));
      else scheduleHangup(state, uuid, time, hangupCause);
      return '+OK\n';
    },
    sched_broadcast(state, [when, uuid, path]) {
      const time = when === undefined ? undefined : parseScheduleTime(when);
      if (time === undefined || uuid === undefined || path === undefined)
        return '-USAGE: [+]<time> <uuid> <path> [aleg|bleg|both]\n';
      scheduleBroadcast(state, uuid, time);
      return '+OK Message scheduled\n';
    },
    // Playback is not modelled. FreeSWITCH does not check the uuid before it replies.
    uuid_broadcast: (_state, [uuid, path]) =>
      uuid === undefined || path === undefined
        ? '-USAGE: <uuid> <path> [aleg|bleg|holdb|both]\n'
        : '+OK Message sent\n',
  };
}

/** `show tasks`: the core DB's tasks table. */
export function showTasks(state: NodeState): string {
  const rows = state.scheduler
    .rows()
    .map((task) => `${task.id},${task.desc},${task.group},${task.runtime},0,${state.config.hostname}\n`);
  return `task_id,task_desc,task_group,task_runtime,task_sql_manager,hostname\n${rows.join('')}\n${rows.length} total.\n`;
}
