import { forwardJobId, type ForwardEffect, type ForwardEvent } from '@callfwd/domain';
import type { ForwardTimerEntry } from '@callfwd/store';

/** A timer of the forward: the job its event rides once due, under the id that makes it one job. */
export function timerEntry(node: string, callUuid: string, effect: Extract<ForwardEffect, { kind: 'schedule' }>): ForwardTimerEntry {
  const event: ForwardEvent = { kind: 'timer', timer: effect.timer, legUuid: effect.legUuid, slice: effect.slice };
  return { id: forwardJobId(node, callUuid, event), at: Math.max(0, Math.round(effect.at)), job: { v: 2, node, callUuid, event } };
}
