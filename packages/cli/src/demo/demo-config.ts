// The demo's config: every kind of line and one employee per case of PRODUCT.md. Its shape follows
// infra/config/callfwd.example.yaml; the demo writes it as YAML for the child processes.
import type { ConfigInput } from '@callfwd/domain';

/** The environment variables the demo config names for its secrets. */
export const DEMO_SECRET_ENV = {
  fs1: 'CALLFWD_DEMO_FS1_PASSWORD',
  fs2: 'CALLFWD_DEMO_FS2_PASSWORD',
  http: 'CALLFWD_DEMO_HTTP_TOKEN',
} as const;

/** Every gateway a demo line dials out by: all up in the simulator. */
export const DEMO_GATEWAYS = ['platform', 'platform-backup', 'pbx-a', 'pbx-b', 'pbx-c', 'pbx-d', 'pbx-f', 'pbx-h', 'pbx-k'] as const;

export interface DemoConfigTarget {
  ports: { fs1: number; fs2: number };
  redisUrl: string;
  prefix: string;
}

/**
 * anna on pbx-b (forward-via unset: the main number), bob and fiona on pbx-a (via PBX B, whose
 * account records every call), carol on the rented sales number, dave on pbx-c (via the connected
 * office number), erin on pbx-e (via pbx-d, whose account is empty), gosia on pbx-g (via pbx-f,
 * failing over to main), henryk on pbx-i (via pbx-h, a prepaid account that covers 45 s).
 */
export function demoConfigInput(target: DemoConfigTarget): ConfigInput {
  return {
    nodes: [
      { id: 'fs1', host: '127.0.0.1', port: target.ports.fs1, passwordEnv: DEMO_SECRET_ENV.fs1 },
      { id: 'fs2', host: '127.0.0.1', port: target.ports.fs2, passwordEnv: DEMO_SECRET_ENV.fs2 },
    ],
    redis: { mode: 'standalone', url: target.redisUrl, prefix: target.prefix },
    http: { host: '127.0.0.1', port: 9464, tokenEnv: DEMO_SECRET_ENV.http },
    worker: { concurrency: 50, originateTimeoutSeconds: 30, commandTimeoutMs: 3000, drainTimeoutMs: 10000, holdMs: 2000 },
    recordings: { directory: '/var/lib/freeswitch/recordings' },
    tariffs: [
      { id: 'platform-eur', currency: 'EUR', increment: '60/60', connectFee: 0, rates: [{ prefix: '48', perMinute: 9 }, { prefix: '486', perMinute: 15 }] },
      { id: 'pbx-pln', currency: 'PLN', increment: '60/1', connectFee: 10, rates: [{ prefix: '48', perMinute: 20 }] },
      { id: 'prepaid-eur', currency: 'EUR', increment: '1/1', connectFee: 0, rates: [{ prefix: '48', perMinute: 60 }] },
    ],
    accounts: [
      { id: 'platform', name: 'Platform telephony balance', currency: 'EUR', tariff: 'platform-eur', recordAllCalls: false, fallback: 'voicemail', openingBalance: 100000 },
      { id: 'provider-a', name: 'PBX A provider', currency: 'PLN', tariff: 'pbx-pln', recordAllCalls: false, fallback: 'sorry', openingBalance: 50000 },
      { id: 'provider-b', name: 'PBX B provider (records all calls)', currency: 'PLN', tariff: 'pbx-pln', recordAllCalls: true, fallback: 'voicemail', openingBalance: 50000 },
      { id: 'provider-c', name: 'PBX C provider', currency: 'PLN', tariff: 'pbx-pln', recordAllCalls: false, fallback: 'voicemail', openingBalance: 50000 },
      { id: 'empty', name: 'PBX D provider (no credit)', currency: 'EUR', tariff: 'platform-eur', recordAllCalls: false, fallback: 'sorry', openingBalance: 0 },
      { id: 'prepaid', name: 'PBX H prepaid', currency: 'EUR', tariff: 'prepaid-eur', recordAllCalls: false, fallback: 'voicemail', openingBalance: 45 },
      { id: 'provider-k', name: 'PBX K provider (follow-me cases)', currency: 'PLN', tariff: 'pbx-pln', recordAllCalls: false, fallback: 'voicemail', openingBalance: 50000 },
    ],
    fallbacks: [
      { id: 'voicemail', kind: 'transfer', extension: 'voicemail', context: 'default' },
      { id: 'sorry', kind: 'announcement', sound: 'ivr/ivr-call_cannot_be_completed_as_dialed.wav', hangupCause: 'NORMAL_TEMPORARY_FAILURE' },
    ],
    lines: [
      { id: 'main', kind: 'main', name: 'Main outbound number', number: '+48221000000', dial: 'sofia/gateway/platform/{number}', account: 'platform', diversion: false, failover: ['office'] },
      { id: 'office', kind: 'connected', name: 'Office number', number: '+48223330000', dial: 'sofia/gateway/platform-backup/{number}', account: 'platform', diversion: false },
      { id: 'sales', kind: 'rented', name: 'Rented sales number', number: '+48225550000', dial: 'sofia/gateway/platform/{number}', account: 'platform', diversion: false },
      { id: 'pbx-a', kind: 'pbx', name: 'PBX A (headquarters)', number: '+48221110000', dial: 'sofia/gateway/pbx-a/{number}', account: 'provider-a', diversion: true, forwardVia: 'pbx-b', failover: ['main'] },
      { id: 'pbx-b', kind: 'pbx', name: 'PBX B (branch)', number: '+48221120000', dial: 'sofia/gateway/pbx-b/{number}', account: 'provider-b', diversion: true },
      { id: 'pbx-c', kind: 'pbx', name: 'PBX C', number: '+48221130000', dial: 'sofia/gateway/pbx-c/{number}', account: 'provider-c', diversion: false, forwardVia: 'office' },
      { id: 'pbx-d', kind: 'pbx', name: 'PBX D', number: '+48221140000', dial: 'sofia/gateway/pbx-d/{number}', account: 'empty', diversion: false },
      { id: 'pbx-e', kind: 'pbx', name: 'PBX E', number: '+48221150000', dial: 'sofia/gateway/pbx-e/{number}', account: 'provider-c', diversion: false, forwardVia: 'pbx-d' },
      { id: 'pbx-f', kind: 'pbx', name: 'PBX F (dials 00 for abroad)', number: '+48221160000', dial: 'sofia/gateway/pbx-f/00{number}', account: 'provider-a', diversion: false, failover: ['main'] },
      { id: 'pbx-g', kind: 'pbx', name: 'PBX G', number: '+48221170000', dial: 'sofia/gateway/pbx-g/{number}', account: 'provider-a', diversion: false, forwardVia: 'pbx-f' },
      { id: 'pbx-h', kind: 'pbx', name: 'PBX H (prepaid)', number: '+48221180000', dial: 'sofia/gateway/pbx-h/{number}', account: 'prepaid', diversion: false },
      { id: 'pbx-i', kind: 'pbx', name: 'PBX I', number: '+48221190000', dial: 'sofia/gateway/pbx-i/{number}', account: 'provider-c', diversion: false, forwardVia: 'pbx-h' },
      { id: 'pbx-j', kind: 'pbx', name: 'PBX J (follow-me users)', number: '+48221200000', dial: 'sofia/gateway/pbx-j/{number}', account: 'provider-k', diversion: false, forwardVia: 'pbx-k' },
      { id: 'pbx-k', kind: 'pbx', name: 'PBX K', number: '+48221210000', dial: 'sofia/gateway/pbx-k/{number}', account: 'provider-k', diversion: false },
    ],
    employees: [
      { id: 'anna', name: 'Anna Nowak', connection: 'pbx-b', extensions: ['+48221120001'], target: '+48601000001', triggers: ['busy', 'no_answer', 'unavailable'] },
      { id: 'bob', name: 'Bob Lis', connection: 'pbx-a', extensions: ['+48221110002'], target: '+48601000002', triggers: ['always'] },
      { id: 'carol', name: 'Carol Wójcik', connection: 'sales', extensions: ['+48225550000'], target: '+48601000003', triggers: ['always'] },
      { id: 'dave', name: 'Dave Zając', connection: 'pbx-c', extensions: ['+48221130004'], target: '+48601000004', triggers: ['always'] },
      { id: 'erin', name: 'Erin Kruk', connection: 'pbx-e', extensions: ['+48221150005'], target: '+48601000005', triggers: ['always'] },
      { id: 'fiona', name: 'Fiona Sowa', connection: 'pbx-a', extensions: ['+48221110006'], target: '+48601000006', triggers: ['always'] },
      { id: 'gosia', name: 'Gosia Wilk', connection: 'pbx-g', extensions: ['+48221170007'], target: '+48601000007', triggers: ['always'] },
      { id: 'henryk', name: 'Henryk Dąb', connection: 'pbx-i', extensions: ['+48221190008'], target: '+48601000008', triggers: ['always'] },
      // Rule 8: the mobile alone, then the desk and the mobile at once.
      {
        id: 'iza',
        name: 'Iza Lis',
        connection: 'pbx-j',
        extensions: ['+48221200009'],
        triggers: ['always'],
        steps: [
          { ringSeconds: 10, targets: [{ number: '+48601000009' }] },
          { ringSeconds: 20, targets: [{ number: '+48221200019' }, { number: '+48601000009' }] },
        ],
      },
      // Rule 9: the mobile's voicemail answers but never presses 1; then the desk, which does.
      {
        id: 'jan',
        name: 'Jan Bór',
        connection: 'pbx-j',
        extensions: ['+48221200010'],
        triggers: ['always'],
        confirm: { prompt: '/usr/share/freeswitch/sounds/en/us/callie/ivr/8000/ivr-accept_reject_voicemail.wav', key: '1', timeoutSeconds: 5 },
        steps: [
          { ringSeconds: 15, targets: [{ number: '+48601000010' }] },
          { ringSeconds: 15, targets: [{ number: '+48221200020' }] },
        ],
      },
      // Rule 10: forwards only inside hours, and the schedule is closed (a holiday every day of the demo).
      {
        id: 'kasia',
        name: 'Kasia Mak',
        connection: 'pbx-j',
        extensions: ['+48221200011'],
        target: '+48601000011',
        triggers: ['always'],
        schedule: { timeZone: 'Europe/Warsaw', weekly: [], exceptions: [{ date: '2099-12-24', ranges: [{ from: '09:00', to: '10:00' }] }] },
        when: { always: 'inside' },
      },
      // Rule 11: a premium-rate target (+48 70x) is refused.
      { id: 'leon', name: 'Leon Kos', connection: 'pbx-j', extensions: ['+48221200012'], target: '+48701000012', triggers: ['always'] },
    ],
  };
}
