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
