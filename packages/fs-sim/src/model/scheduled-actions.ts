// Channel actions put on the core scheduler: switch_ivr_schedule_hangup and
// switch_ivr_schedule_broadcast (the `sched_hangup` / `sched_broadcast` commands and apps).
import { hangup } from './channel-actions.js';
import type { NodeState } from './node-state.js';
import { liveChannel } from './node-state.js';
import type { TaskInput } from './scheduler.js';

/** `+N` (seconds from now) or an epoch second, as the scheduler commands take it. */
export type ScheduleTime = Pick<TaskInput, 'inSec' | 'atEpoch'>;

export function parseScheduleTime(text: string): ScheduleTime | undefined {
  const match = /^(\+|@)?(\d+)$/.exec(text);
  if (match === null) return undefined;
  const value = Number(match[2]);
  return match[1] === undefined ? { atEpoch: value } : { inSec: value };
}

/** Hangs the channel up with `cause` at that time, if it is still there then. The task stays
 *  listed until it is due even when the channel has gone (as on the capture node). */
export function scheduleHangup(state: NodeState, uuid: string, when: ScheduleTime, cause: string): number {
  return state.scheduler.add({
    ...when,
    desc: 'switch_ivr_schedule_hangup',
    group: uuid,
    run: () => {
      const channel = liveChannel(state, uuid);
      if (channel !== undefined) hangup(state, channel, cause);
    },
  });
}

/** Playback is not modelled: the task only occupies its place in the scheduler. */
export function scheduleBroadcast(state: NodeState, uuid: string, when: ScheduleTime): number {
  return state.scheduler.add({
    ...when,
    desc: 'switch_ivr_schedule_broadcast',
    group: uuid,
    run: () => undefined,
  });
}
