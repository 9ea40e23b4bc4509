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

/**
 * The timers of a forward that can no longer change anything, in this state or any later one:
 * each condition below, once true, stays true (a leg never goes back to ringing, a bridge is never
 * undone, the forward never goes back to trying, its step only moves on). The worker drops them
 * with the step that makes them so, instead of letting each fire into a job that loads the forward
 * to find nothing to do: an answered call's ring timeout, a bridged call's bridge timeout.
 */
export function mootTimers(state: ForwardState): TimerEvent[] {
  if (state.phase === 'done') return pendingTimers(state);
  const moot: TimerEvent[] = [];
  for (const leg of state.legs) {
    const ended = leg.status === 'ended';
    // onRingTimeout acts on a current leg (trying, this step) still holding, ringing, early or confirming.
    if (state.phase !== 'trying' || leg.step < state.step || ended || leg.status === 'answered' || leg.status === 'bridged') {
      moot.push({ kind: 'timer', timer: 'ring_timeout', legUuid: leg.legUuid, slice: 0 });
    }
    if (leg.answeredAt === null) continue;
    // onBridgeTimeout acts while trying, on a leg answered and not bridged, not ended.
    if (state.phase !== 'trying' || leg.bridgedAt !== null || ended) {
      moot.push({ kind: 'timer', timer: 'bridge_timeout', legUuid: leg.legUuid, slice: 0 });
    }
    // onRenewDue acts on a leg not ended.
    if (ended) moot.push({ kind: 'timer', timer: 'renew_credit', legUuid: leg.legUuid, slice: leg.slices });
  }
  return moot;
}

/**
 * The timers a step from `before` to `after` makes moot (see mootTimers), each named once over
 * the forward's life: the step that ends the forward names every timer it may still have waiting.
 */
export function newlyMootTimers(before: ForwardState | null, after: ForwardState): TimerEvent[] {
  if (before?.phase === 'done') return [];
  const moot = mootTimers(after);
  if (before === null || after.phase === 'done') return moot;
  const already = new Set(mootTimers(before).map(timerKey));
  return moot.filter((timer) => !already.has(timerKey(timer)));
}

function timerKey(timer: TimerEvent): string {
  return `${timer.timer}/${timer.legUuid ?? '-'}/${timer.slice}`;
}
