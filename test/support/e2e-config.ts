import { parseConfig, type Config, type ConfigInput } from '@callfwd/domain';

/** Secrets of the test config, handed to parseConfig as its environment. */
export const E2E_ENV: Readonly<Record<string, string>> = Object.freeze({
  CALLFWD_FS1_PASSWORD: 'fs1-e2e-Secret-1',
  CALLFWD_FS2_PASSWORD: 'fs2-e2e-Secret-2',
});

/** Employees' targets, as the far ends the simulator scripts by digits. */
export const TARGETS = {
  anna: '+48601000001',
  bob: '+48601000002',
  carol: '+48601000003',
  dave: '+48601000004',
  erin: '+48601000005',
} as const;

/**
 * The config of the end-to-end tests: every kind of line, and one employee per way a call leaves.
 * anna on pbx-b (forward-via unset: main), bob on pbx-a (via PBX B, failover main), carol on the
 * rented number, dave on pbx-c (via the connected office number), erin on pbx-e (via pbx-d, paid
 * by the small "tight" account).
 */
export function e2eConfigInput(ports: { fs1: number; fs2: number }, redisUrl: string, prefix: string): ConfigInput {
  return {
    nodes: [
      { id: 'fs1', host: '127.0.0.1', port: ports.fs1, passwordEnv: 'CALLFWD_FS1_PASSWORD' },
      { id: 'fs2', host: '127.0.0.1', port: ports.fs2, passwordEnv: 'CALLFWD_FS2_PASSWORD' },
    ],
    redis: { mode: 'standalone', url: redisUrl, prefix },
    worker: { concurrency: 100, originateTimeoutSeconds: 20, commandTimeoutMs: 3000, drainTimeoutMs: 10000 },
    recordings: { directory: '/var/lib/freeswitch/recordings' },
    tariffs: [
      { id: 'platform-eur', currency: 'EUR', increment: '60/60', connectFee: 0, rates: [{ prefix: '48', perMinute: 9 }, { prefix: '486', perMinute: 15 }] },
      { id: 'pbx-pln', currency: 'PLN', increment: '60/1', connectFee: 10, rates: [{ prefix: '48', perMinute: 20 }] },
      { id: 'tight-eur', currency: 'EUR', increment: '60/60', connectFee: 0, rates: [{ prefix: '48', perMinute: 10 }] },
    ],
    accounts: [
      { id: 'platform', name: 'Platform balance', currency: 'EUR', tariff: 'platform-eur', recordAllCalls: false, fallback: 'voicemail', openingBalance: 100000 },
      { id: 'provider-a', name: 'PBX A provider', currency: 'PLN', tariff: 'pbx-pln', recordAllCalls: false, fallback: 'sorry', openingBalance: 100000 },
      { id: 'provider-b', name: 'PBX B provider', currency: 'PLN', tariff: 'pbx-pln', recordAllCalls: false, fallback: 'voicemail', openingBalance: 100000 },
      { id: 'provider-c', name: 'PBX C provider', currency: 'PLN', tariff: 'pbx-pln', recordAllCalls: false, fallback: 'voicemail', openingBalance: 100000 },
      { id: 'tight', name: 'Small account', currency: 'EUR', tariff: 'tight-eur', recordAllCalls: false, fallback: 'voicemail', openingBalance: 0, maxCallSeconds: 3600 },
    ],
    fallbacks: [
      { id: 'voicemail', kind: 'transfer', extension: 'voicemail', context: 'default' },
      { id: 'sorry', kind: 'announcement', sound: 'ivr/ivr-call_cannot_be_completed_as_dialed.wav', hangupCause: 'NORMAL_TEMPORARY_FAILURE' },
    ],
    lines: [
      { id: 'main', kind: 'main', name: 'Main number', number: '+48221000000', dial: 'sofia/gateway/platform/{number}', account: 'platform', diversion: false, failover: ['office'] },
      { id: 'office', kind: 'connected', name: 'Office number', number: '+48223330000', dial: 'sofia/gateway/platform-backup/{number}', account: 'platform', diversion: false },
      { id: 'sales', kind: 'rented', name: 'Rented sales number', number: '+48225550000', dial: 'sofia/gateway/platform/{number}', account: 'platform', diversion: false },
      { id: 'pbx-a', kind: 'pbx', name: 'PBX A', number: '+48221110000', dial: 'sofia/gateway/pbx-a/{number}', account: 'provider-a', diversion: true, forwardVia: 'pbx-b', failover: ['main'] },
      { id: 'pbx-b', kind: 'pbx', name: 'PBX B', number: '+48221120000', dial: 'sofia/gateway/pbx-b/{number}', account: 'provider-b', diversion: true },
      { id: 'pbx-c', kind: 'pbx', name: 'PBX C', number: '+48221130000', dial: 'sofia/gateway/pbx-c/{number}', account: 'provider-c', diversion: false, forwardVia: 'office' },
      { id: 'pbx-d', kind: 'pbx', name: 'PBX D', number: '+48221140000', dial: 'sofia/gateway/pbx-d/{number}', account: 'tight', diversion: false },
      { id: 'pbx-e', kind: 'pbx', name: 'PBX E', number: '+48221150000', dial: 'sofia/gateway/pbx-e/{number}', account: 'provider-c', diversion: false, forwardVia: 'pbx-d' },
    ],
    employees: [
      { id: 'anna', name: 'Anna', connection: 'pbx-b', extensions: ['+48221120001'], target: TARGETS.anna, triggers: ['busy', 'no_answer', 'unavailable'] },
      { id: 'bob', name: 'Bob', connection: 'pbx-a', extensions: ['+48221110002'], target: TARGETS.bob, triggers: ['always'] },
      { id: 'carol', name: 'Carol', connection: 'sales', extensions: ['+48225550000'], target: TARGETS.carol, triggers: ['always'] },
      { id: 'dave', name: 'Dave', connection: 'pbx-c', extensions: ['+48221130001'], target: TARGETS.dave, triggers: ['always'] },
      { id: 'erin', name: 'Erin', connection: 'pbx-e', extensions: ['+48221150001'], target: TARGETS.erin, triggers: ['always'] },
    ],
  };
}

export function parseE2eConfig(input: ConfigInput): Config {
  const parsed = parseConfig(input, { env: E2E_ENV });
  if (!parsed.ok) throw new Error(`e2e config invalid: ${parsed.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  return parsed.config;
}
