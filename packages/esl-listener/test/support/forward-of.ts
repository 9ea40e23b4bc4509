import { randomUUID } from 'node:crypto';
import { ForwardStateSchema, type ForwardLeg, type ForwardState } from '@callfwd/domain';

/** A forward in flight as the worker stores it: the caller and its legs in the given states. */
export function forwardOf(callUuid: string, legs: Array<Pick<ForwardLeg, 'legUuid' | 'status' | 'answeredAt' | 'originatedAt'>>): ForwardState {
  return ForwardStateSchema.parse({
    v: 2,
    call: { node: 'fs1', callUuid, connection: 'pbx-a', dialled: '48221110002', callerNumber: '48601234567', callerName: 'A', disposition: null, parkedAt: 1, isForwardLeg: false },
    phase: 'trying',
    plan: { employee: 'bob', target: '+48601000002', trigger: 'always', route: [] },
    legs: legs.map((l, attempt) => ({
      attempt, line: 'main', account: 'platform', tariff: 't', dialString: 'loopback/700/forward-target', viaReason: 'unset',
      jobUuid: randomUUID(), callerIdNumber: '48221000000', callerIdName: 'Main', callerIdReason: 'via main', diversion: null,
      earlyMedia: 'ringback', held: 15, coveredSeconds: 60, slices: 1, bridgeSent: l.answeredAt !== null, bridgedAt: null,
      endedAt: null, billsec: null, cost: null, cancelled: false, outcome: null, cause: null, ...l,
    })),
    callerGoneAt: null, fallbackSent: false, outcome: null, note: null, hangupCause: null, recording: null, silent: false, recordWritten: false,
    seen: ['parked'],
  });
}
