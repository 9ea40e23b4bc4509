import type { ConfigInput } from '@callfwd/domain';

/** Forward targets, as the digits the simulator scripts its far ends by. */
export const TARGET_DIGITS = {
  answers: '48601000001',
  busy: '48601000002',
  rings: '48601000004',
} as const;

export const NODE_PASSWORD_ENV = (index: number): string => `CALLFWD_BENCH_FS${index + 1}_PASSWORD`;

/** Plenty for a long run: every answered call is charged, and nothing else is measured here. */
const LARGE_BALANCE = 1_000_000_000_000;

/** Each account's opening balance (minor units): what its ledger started from. */
export const OPENING_BALANCES = {
  platform: LARGE_BALANCE,
  'provider-a': LARGE_BALANCE,
  'provider-b': LARGE_BALANCE,
  'provider-c': LARGE_BALANCE,
  tight: 0,
} as const;

export interface BenchConfigInput {
  readonly ports: readonly number[];
  readonly redisUrl: string;
  /** A postgres section (records drained there), or null for none. */
  readonly postgresUrl?: string | null;
  readonly prefix: string;
  /** The mix's employees (MixPlan.employees). */
  readonly employees: NonNullable<ConfigInput['employees']>;
}

/**
 * The callfwd config of a bench run: the lines and accounts of the e2e tests (main, connected,
 * PBX lines with forward-via and failover, a small account that cannot pay) on K nodes, and the
 * mix's employees. `worker` is left out: the shipped defaults (concurrency, timeouts) are what is
 * measured, never values tuned per rate.
 */
export function benchConfigInput(input: BenchConfigInput): ConfigInput {
  return {
    nodes: input.ports.map((port, i) => ({ id: `fs${i + 1}`, host: '127.0.0.1', port, passwordEnv: NODE_PASSWORD_ENV(i) })),
    redis: { mode: 'standalone', url: input.redisUrl, prefix: input.prefix },
    ...(input.postgresUrl === undefined || input.postgresUrl === null ? {} : { postgres: { url: input.postgresUrl } }),
    recordings: { directory: '/var/lib/freeswitch/recordings' },
    tariffs: [
      { id: 'platform-eur', currency: 'EUR', increment: '60/60', connectFee: 0, rates: [{ prefix: '48', perMinute: 9 }, { prefix: '486', perMinute: 15 }] },
      { id: 'pbx-pln', currency: 'PLN', increment: '60/1', connectFee: 10, rates: [{ prefix: '48', perMinute: 20 }] },
      { id: 'tight-eur', currency: 'EUR', increment: '60/60', connectFee: 0, rates: [{ prefix: '48', perMinute: 10 }] },
    ],
    accounts: [
      { id: 'platform', name: 'Platform balance', currency: 'EUR', tariff: 'platform-eur', recordAllCalls: false, fallback: 'voicemail', openingBalance: OPENING_BALANCES.platform },
      { id: 'provider-a', name: 'PBX A provider', currency: 'PLN', tariff: 'pbx-pln', recordAllCalls: false, fallback: 'sorry', openingBalance: OPENING_BALANCES['provider-a'] },
      { id: 'provider-b', name: 'PBX B provider', currency: 'PLN', tariff: 'pbx-pln', recordAllCalls: false, fallback: 'voicemail', openingBalance: OPENING_BALANCES['provider-b'] },
      { id: 'provider-c', name: 'PBX C provider', currency: 'PLN', tariff: 'pbx-pln', recordAllCalls: false, fallback: 'voicemail', openingBalance: OPENING_BALANCES['provider-c'] },
      { id: 'tight', name: 'Small account', currency: 'EUR', tariff: 'tight-eur', recordAllCalls: false, fallback: 'voicemail', openingBalance: OPENING_BALANCES.tight, maxCallSeconds: 3600 },
    ],
    fallbacks: [
      { id: 'voicemail', kind: 'transfer', extension: 'voicemail', context: 'default' },
      { id: 'sorry', kind: 'announcement', sound: 'ivr/ivr-call_cannot_be_completed_as_dialed.wav', hangupCause: 'NORMAL_TEMPORARY_FAILURE' },
    ],
    lines: [
      { id: 'main', kind: 'main', name: 'Main number', number: '+48221000000', dial: 'sofia/gateway/platform/{number}', account: 'platform', diversion: false, failover: ['office'] },
      { id: 'office', kind: 'connected', name: 'Office number', number: '+48223330000', dial: 'sofia/gateway/platform-backup/{number}', account: 'platform', diversion: false },
      { id: 'pbx-a', kind: 'pbx', name: 'PBX A', number: '+48221110000', dial: 'sofia/gateway/pbx-a/{number}', account: 'provider-a', diversion: true, forwardVia: 'pbx-b', failover: ['main'] },
      { id: 'pbx-b', kind: 'pbx', name: 'PBX B', number: '+48221120000', dial: 'sofia/gateway/pbx-b/{number}', account: 'provider-b', diversion: true },
      { id: 'pbx-c', kind: 'pbx', name: 'PBX C', number: '+48221130000', dial: 'sofia/gateway/pbx-c/{number}', account: 'provider-c', diversion: false, forwardVia: 'office' },
      { id: 'pbx-d', kind: 'pbx', name: 'PBX D', number: '+48221140000', dial: 'sofia/gateway/pbx-d/{number}', account: 'tight', diversion: false },
      { id: 'pbx-e', kind: 'pbx', name: 'PBX E', number: '+48221150000', dial: 'sofia/gateway/pbx-e/{number}', account: 'provider-c', diversion: false, forwardVia: 'pbx-d' },
      // pbx-f's gateway is down in the realistic mix: forwards via pbx-f fail over to main.
      { id: 'pbx-f', kind: 'pbx', name: 'PBX F', number: '+48221160000', dial: 'sofia/gateway/pbx-f/{number}', account: 'provider-a', diversion: false, failover: ['main'] },
      { id: 'pbx-g', kind: 'pbx', name: 'PBX G', number: '+48221170000', dial: 'sofia/gateway/pbx-g/{number}', account: 'provider-a', diversion: false, forwardVia: 'pbx-f' },
    ],
    employees: [...input.employees],
  };
}
