import type { ForwardEvent } from './forward-event.js';
import type { ForwardState } from './forward-state.js';

type TimerEvent = Extract<ForwardEvent, { kind: 'timer' }>;

/**
 * The timers a forward may still have waiting: every one it can have scheduled and that has not
 * fired (or has, which is harmless to name). Once the forward is done they are all moot: a timer
 * that fires then only loads the document to find it over, so the worker removes them (a 10 s
 * ring leaves its ring timeout 25 s early; a forward's deadline is minutes away).
 */
export function pendingTimers(state: ForwardState): TimerEvent[] {
  const timers: TimerEvent[] = [
    { kind: 'timer', timer: 'deadline', legUuid: null, slice: 0 },
    { kind: 'timer', timer: 'legs_gone', legUuid: null, slice: 0 },
  ];
  for (const leg of state.legs) {
    timers.push({ kind: 'timer', timer: 'ring_timeout', legUuid: leg.legUuid, slice: 0 });
    if (leg.answeredAt === null) continue;
    timers.push({ kind: 'timer', timer: 'bridge_timeout', legUuid: leg.legUuid, slice: 0 });
    // The renewal planned for the slice it holds now (the earlier ones fired to get there).
    timers.push({ kind: 'timer', timer: 'renew_credit', legUuid: leg.legUuid, slice: leg.slices });
  }
  return timers;
}
