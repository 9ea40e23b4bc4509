// The example config (as infra/config/callfwd.example.yaml), with a private Redis prefix: the API's
// tests parse it with the domain's parseConfig, as `callfwd run` does.
import { parseConfig, type Config, type ConfigInput } from '@callfwd/domain';

const ENV = { CALLFWD_FS1_PASSWORD: 'fs1-Secret-9f2c', CALLFWD_FS2_PASSWORD: 'fs2-Secret-41ab' };

export function testConfigInput(prefix: string, redisUrl: string): ConfigInput {
  return {
    nodes: [
      { id: 'fs1', host: '127.0.0.1', port: 8021, passwordEnv: 'CALLFWD_FS1_PASSWORD' },
      { id: 'fs2', host: '127.0.0.1', port: 8022, passwordEnv: 'CALLFWD_FS2_PASSWORD' },
    ],
    redis: {
      mode: 'standalone',
      url: redisUrl,
      prefix,
    },
    worker: { concurrency: 200, originateTimeoutSeconds: 30, commandTimeoutMs: 5000, drainTimeoutMs: 30000 },
    recordings: { directory: '/var/lib/freeswitch/recordings' },
    tariffs: [
      {
        id: 'standard-eur',
        currency: 'EUR',
        increment: '60/60',
        connectFee: 0,
        rates: [
          { prefix: '48', perMinute: 9 },
          { prefix: '486', perMinute: 15 },
          { prefix: '49', perMinute: 12 },
        ],
      },
      {
        id: 'pbx-pln',
        currency: 'PLN',
        increment: '60/1',
        connectFee: 10,
        rates: [
          { prefix: '48', perMinute: 20 },
          { prefix: '4860', perMinute: 35 },
          { prefix: '49', perMinute: 60 },
        ],
      },
    ],
    accounts: [
      {
        id: 'platform',
        name: 'Platform telephony balance',
        currency: 'EUR',
        tariff: 'standard-eur',
        recordAllCalls: false,
        fallback: 'voicemail',
        openingBalance: 5000,
        maxCallSeconds: 3600,
      },
      {
        id: 'provider-a',
        name: 'PBX A provider account',
        currency: 'PLN',
        tariff: 'pbx-pln',
        recordAllCalls: true,
        fallback: 'sorry',
        openingBalance: 20000,
      },
      {
        id: 'provider-b',
        name: 'PBX B provider account',
        currency: 'PLN',
        tariff: 'pbx-pln',
        recordAllCalls: false,
        fallback: 'voicemail',
        openingBalance: 10000,
        maxCallSeconds: 1800,
      },
    ],
    fallbacks: [
      { id: 'voicemail', kind: 'transfer', extension: 'voicemail', context: 'default' },
      {
        id: 'sorry',
        kind: 'announcement',
        sound: 'ivr/ivr-call_cannot_be_completed_as_dialed.wav',
        hangupCause: 'NORMAL_TEMPORARY_FAILURE',
      },
    ],
    lines: [
      {
        id: 'main',
        kind: 'main',
        name: 'Main outbound number',
        number: '+48221000000',
        dial: 'sofia/gateway/platform/{number}',
        account: 'platform',
        diversion: false,
        failover: ['office'],
      },
      {
        id: 'office',
        kind: 'connected',
        name: 'Office number',
        number: '+48223330000',
        dial: 'sofia/gateway/platform-backup/{number}',
        account: 'platform',
        diversion: false,
      },
      {
        id: 'sales',
        kind: 'rented',
        name: 'Rented sales number',
        number: '+48225550000',
        dial: 'sofia/gateway/platform/{number}',
        account: 'platform',
        diversion: false,
      },
      {
        id: 'pbx-a',
        kind: 'pbx',
        name: 'PBX A (headquarters)',
        number: '+48221110000',
        dial: 'sofia/gateway/pbx-a/{number}',
        account: 'provider-a',
        diversion: true,
        forwardVia: 'pbx-b',
        failover: ['main'],
      },
      {
        id: 'pbx-b',
        kind: 'pbx',
        name: 'PBX B (branch)',
        number: '+48221120000',
        dial: 'sofia/gateway/pbx-b/{number}',
        account: 'provider-b',
        diversion: true,
      },
    ],
    employees: [
      {
        id: 'anna',
        name: 'Anna Nowak',
        connection: 'pbx-a',
        extensions: ['+48221110001'],
        target: '+48601000001',
        triggers: ['busy', 'no_answer', 'unavailable'],
        noAnswerSeconds: 20,
      },
      {
        id: 'bartek',
        name: 'Bartek Kowalski',
        connection: 'pbx-b',
        extensions: ['+48221120002', '+48221120022'],
        target: '+48602000002',
        triggers: ['always'],
      },
      {
        id: 'celina',
        name: 'Celina Wójcik',
        connection: 'sales',
        extensions: ['+48225550003'],
        target: '+4930123456',
        triggers: ['no_answer'],
        noAnswerSeconds: 15,
      },
    ],
  };
}

export function testConfig(
  prefix: string,
  redisUrl: string,
  edit: (input: ConfigInput) => void = () => undefined,
): Config {
  const input = testConfigInput(prefix, redisUrl);
  edit(input);
  const result = parseConfig(input, { env: ENV, allowInsecureDefaults: true });
  if (!result.ok)
    throw new Error(
      `test config invalid: ${result.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
    );
  return result.config;
}
