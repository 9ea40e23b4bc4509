// A small history that breaks no invariant, for the checker's tests to break one at a time.
import { parseConfig, type CallRecord, type Config } from '@callfwd/domain';
import { E2E_ENV } from '../../support/e2e-config.js';
import type { History, SimLeg } from '../history/history.js';
import { soakConfigInput } from '../run/soak-config.js';

export const T0 = 1_800_000_000_000;
export const ANSWERED = '11111111-1111-4111-8111-111111111111';
export const ANSWERED_LEG = '11111111-1111-4111-8111-aaaaaaaaaaaa';
export const BUSY = '22222222-2222-4222-8222-222222222222';
export const BUSY_LEG = '22222222-2222-4222-8222-aaaaaaaaaaaa';
const TARGET = '+48601200000';
const BUSY_TARGET = '+48601100000';

export function soakTestConfig(): Config {
  const parsed = parseConfig(soakConfigInput({ fs1: 1, fs2: 2 }, 'redis://127.0.0.1:1', 'soaktest'), { env: E2E_ENV });
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => `${p.path}: ${p.message}`).join('; '));
  return parsed.config;
}

function record(callUuid: string, over: Partial<CallRecord>): CallRecord {
  return {
    callUuid,
    node: 'fs1',
    connection: 'pbx-a',
    caller: { number: '48221234567', name: 'Soak' },
    dialled: '48221110000',
    employee: 'v0',
    target: TARGET,
    viaLine: 'pbx-b',
    viaNumber: '+48221120000',
    callerIdPresented: null,
    callerIdReason: null,
    diversion: null,
    startedAt: T0,
    answeredAt: null,
    endedAt: T0 + 10_000,
    billedSeconds: 0,
    cost: 0,
    currency: 'PLN',
    account: 'provider-b',
    outcome: 'busy',
    hangupCause: null,
    recording: null,
    attempts: [],
    note: null,
    ...over,
  };
}

/**
 * Two calls on fs1: one answered via PBX B after 3 s, talking 30 s (pbx-pln, 60/1: 10 connect + the first 60 s at
 * 20/min = 30), recorded; one whose target was busy. provider-b paid 30; nothing pending.
 */
export function cleanHistory(): History {
  const config = soakTestConfig();
  const answeredLeg: SimLeg = {
    uuid: ANSWERED_LEG,
    parent: ANSWERED,
    node: 'fs1',
    line: 'pbx-b',
    target: TARGET,
    originatedAt: T0 + 50,
    answeredAt: T0 + 3_050,
    bridgedAt: T0 + 3_060,
    endedAt: T0 + 33_050,
    billsec: 30,
    cause: 'NORMAL_CLEARING',
  };
  const busyLeg: SimLeg = { ...answeredLeg, uuid: BUSY_LEG, parent: BUSY, line: 'main', target: BUSY_TARGET, answeredAt: null, bridgedAt: null, endedAt: T0 + 200, billsec: 0, cause: 'USER_BUSY' };
  const opening = config.accounts.map((a) => ({ id: a.id, opening: a.openingBalance, balance: a.openingBalance, pendingHolds: [] as string[] }));
  opening.find((a) => a.id === 'provider-b')!.balance -= 30;
  const plan = { employee: 'v0', target: TARGET, trigger: 'always', route: [], steps: [] };
  return {
    config,
    readAt: T0 + 60_000,
    calls: [
      { uuid: ANSWERED, node: 'fs1', parkedAt: T0, leftParkAt: T0 + 3_060, leftHow: 'bridge' },
      { uuid: BUSY, node: 'fs1', parkedAt: T0, leftParkAt: T0 + 300, leftHow: 'fallback' },
    ],
    legs: [answeredLeg, busyLeg],
    docs: [
      { callUuid: ANSWERED, plan, legs: [{ legUuid: ANSWERED_LEG, step: 0, target: TARGET, line: 'pbx-b' }] },
      { callUuid: BUSY, plan: { ...plan, target: BUSY_TARGET }, legs: [{ legUuid: BUSY_LEG, step: 0, target: BUSY_TARGET, line: 'main' }] },
    ],
    records: [
      record(ANSWERED, {
        outcome: 'answered',
        answeredAt: T0 + 3_050,
        endedAt: T0 + 33_050,
        billedSeconds: 30,
        cost: 30,
        recording: { file: '/rec/a.wav', seconds: 30 },
        attempts: [{ line: 'pbx-b', legUuid: ANSWERED_LEG, target: TARGET, step: 0, outcome: 'answered', cause: 'NORMAL_CLEARING' }],
      }),
      record(BUSY, { connection: 'pbx-b', viaLine: 'main', account: 'platform', currency: 'EUR', target: BUSY_TARGET, attempts: [{ line: 'main', legUuid: BUSY_LEG, target: BUSY_TARGET, step: 0, outcome: 'busy', cause: 'USER_BUSY' }] }),
    ],
    debits: [{ account: 'provider-b', leg: ANSWERED_LEG, amount: 30, cost: 30, at: T0 + 33_100, callUuid: ANSWERED, billsec: 30 }],
    accounts: opening,
    recordings: [{ callUuid: ANSWERED, account: 'provider-b', file: '/rec/a.wav', startedAt: T0 + 3_100 }],
    pg: null,
  };
}

/** PostgreSQL in full agreement with the history's Redis side: each record once, each debit journalled. */
export function agreeingPg(h: History): NonNullable<History['pg']> {
  return {
    callRecordCounts: Object.fromEntries(h.records.map((r) => [r.callUuid, 1])),
    records: h.records.map((r) => structuredClone(r)),
    journal: h.debits.map((d) => ({ id: d.leg, account: d.account, kind: 'charge' as const, amount: -d.amount, leg: d.leg, callUuid: d.callUuid })),
    balances: Object.fromEntries(h.accounts.map((a) => [a.id, a.balance])),
  };
}

export const FOLLOW_ME = '44444444-4444-4444-8444-444444444444';
/** Legs of FOLLOW_ME: step 0 (A busy, B rings and is cancelled), step 1 (A again, answered and bridged; C loses the race). */
export const FM_LEGS = {
  s0a: '44444444-4444-4444-8444-aaaaaaaaaaa0',
  s0b: '44444444-4444-4444-8444-aaaaaaaaaaa1',
  s1a: '44444444-4444-4444-8444-aaaaaaaaaaa2',
  s1c: '44444444-4444-4444-8444-aaaaaaaaaaa3',
} as const;
const FM_A = '+486014100000';
const FM_B = '+486014200000';
const FM_C = '+486014400000';

/**
 * The clean history plus one follow-me call (employee f0, via main, platform-eur 60/60 at 15/min):
 * step 0 rings A and B at once, A busy, B unanswered for the step's 12 s and cancelled; step 1 rings
 * A (the same number, another step: no second ring of one step) and C at once; A answers after 2 s
 * and talks 20 s (one minute: 15), C is cancelled LOSE_RACE. Still breaks no invariant.
 */
export function cleanHistoryWithFollowMe(): History {
  const h = cleanHistory();
  const leg = (uuid: string, target: string, at: number, over: Partial<SimLeg>): SimLeg => ({
    uuid,
    parent: FOLLOW_ME,
    node: 'fs2',
    line: 'main',
    target,
    originatedAt: at,
    answeredAt: null,
    bridgedAt: null,
    endedAt: at + 300,
    billsec: 0,
    cause: 'USER_BUSY',
    ...over,
  });
  const t1 = T0 + 12_200;
  h.legs.push(
    leg(FM_LEGS.s0a, FM_A, T0 + 50, {}),
    leg(FM_LEGS.s0b, FM_B, T0 + 50, { endedAt: T0 + 12_050, cause: 'ORIGINATOR_CANCEL' }),
    leg(FM_LEGS.s1a, FM_A, t1, { answeredAt: t1 + 2_000, bridgedAt: t1 + 2_010, endedAt: t1 + 22_000, billsec: 20, cause: 'NORMAL_CLEARING' }),
    leg(FM_LEGS.s1c, FM_C, t1, { endedAt: t1 + 2_010, cause: 'LOSE_RACE' }),
  );
  const line = { line: 'main', account: 'platform', tariff: 'platform-eur', dialString: 'sofia/gateway/platform/{number}', viaReason: 'default' };
  const target = (number: string) => ({ number, confirm: null, route: [line] });
  const plan = { employee: 'f0', target: FM_A, trigger: 'always', route: [line], steps: [{ ringSeconds: 12, targets: [target(FM_A), target(FM_B)] }, { ringSeconds: 12, targets: [target(FM_A), target(FM_C)] }] };
  h.calls.push({ uuid: FOLLOW_ME, node: 'fs2', parkedAt: T0, leftParkAt: t1 + 2_010, leftHow: 'bridge' });
  const steps: Array<[string, number, string]> = [[FM_LEGS.s0a, 0, FM_A], [FM_LEGS.s0b, 0, FM_B], [FM_LEGS.s1a, 1, FM_A], [FM_LEGS.s1c, 1, FM_C]];
  h.docs.push({ callUuid: FOLLOW_ME, plan, legs: steps.map(([legUuid, step, number]) => ({ legUuid, step, target: number, line: 'main' })) });
  const outcomes = ['busy', 'no_answer', 'answered', 'no_answer'] as const;
  h.records.push(
    record(FOLLOW_ME, {
      node: 'fs2',
      connection: 'pbx-b',
      employee: 'f0',
      target: FM_A,
      viaLine: 'main',
      viaNumber: '+48221000000',
      account: 'platform',
      currency: 'EUR',
      outcome: 'answered',
      answeredAt: t1 + 2_000,
      endedAt: t1 + 22_000,
      billedSeconds: 20,
      cost: 15,
      attempts: steps.map(([legUuid, step, number], k) => ({ line: 'main', legUuid, target: number, step, outcome: outcomes[k]!, cause: null })),
    }),
  );
  h.debits.push({ account: 'platform', leg: FM_LEGS.s1a, amount: 15, cost: 15, at: t1 + 22_100, callUuid: FOLLOW_ME, billsec: 20 });
  h.accounts.find((a) => a.id === 'platform')!.balance -= 15;
  return h;
}
