// The callfwd config of a soak run: the e2e lines and tariffs on two nodes, and pools of
// employees (their own target numbers each, so every call can script its own far ends).
import type { ConfigInput } from '@callfwd/domain';
import { e2eConfigInput } from '../../support/e2e-config.js';

/** A pool of employees on one PBX connection: extension `+<extPrefix><i>`, target `+<targetPrefix><i>`. */
export interface EmployeePool {
  readonly name: string;
  readonly connection: string;
  readonly extPrefix: string;
  readonly targetPrefix: string;
  readonly size: number;
  /**
   * Follow-me (rule 8): FOLLOW_ME_STEPS steps of FOLLOW_ME_WIDTH targets rung at once, target slot k
   * (step k / width, k % width) being `+<targetPrefix><k+1><i>`; with confirm (rule 9) every leg must
   * press CONFIRM.key. Unset: the one target `+<targetPrefix><i>`.
   */
  readonly followMe?: { readonly confirm: boolean };
}

/**
 * direct: via the main line (platform, EUR). viaPbx: PBX A forwards via PBX B (provider-b, records
 * all calls, a small balance that runs out during the soak), failover to main. broke: via PBX D,
 * paid by the empty `tight` account (insufficient credit).
 */
export const POOLS = {
  direct: { name: 'd', connection: 'pbx-b', extPrefix: '4822112', targetPrefix: '486011', size: 200 },
  viaPbx: { name: 'v', connection: 'pbx-a', extPrefix: '4822111', targetPrefix: '486012', size: 80 },
  broke: { name: 'b', connection: 'pbx-e', extPrefix: '4822115', targetPrefix: '486013', size: 40 },
  followMe: { name: 'f', connection: 'pbx-b', extPrefix: '4822116', targetPrefix: '486014', size: 40, followMe: { confirm: false } },
  confirm: { name: 'c', connection: 'pbx-b', extPrefix: '4822117', targetPrefix: '486015', size: 40, followMe: { confirm: true } },
} as const satisfies Record<string, EmployeePool>;

export const FOLLOW_ME_STEPS = 2;
export const FOLLOW_ME_WIDTH = 2;
/** Each follow-me step rings this long; a far end that answers does so within ANSWER_WITHIN_MS. */
export const FOLLOW_ME_RING_SECONDS = 12;
export const CONFIRM = { prompt: '/usr/share/freeswitch/sounds/en/us/callie/ivr/8000/ivr-accept_reject_voicemail.wav', key: '1', timeoutSeconds: 5 } as const;

export const PROVIDER_B_BALANCE = 3_000;

export function poolNumber(prefix: string, i: number): string {
  return `${prefix}${String(i).padStart(5, '0')}`;
}

/** Every target number of employee `i` of `pool`, by slot (one for a plain pool). */
export function poolTargets(pool: EmployeePool, i: number): string[] {
  if (pool.followMe === undefined) return [poolNumber(pool.targetPrefix, i)];
  return Array.from({ length: FOLLOW_ME_STEPS * FOLLOW_ME_WIDTH }, (_, k) => poolNumber(`${pool.targetPrefix}${k + 1}`, i));
}

function employeeInput(pool: EmployeePool, i: number): NonNullable<ConfigInput['employees']>[number] {
  const targets = poolTargets(pool, i).map((digits) => `+${digits}`);
  const base = { id: `${pool.name}${i}`, name: `Soak ${pool.name}${i}`, connection: pool.connection, extensions: [`+${poolNumber(pool.extPrefix, i)}`], target: targets[0]!, triggers: ['always' as const] };
  if (pool.followMe === undefined) return base;
  const steps = Array.from({ length: FOLLOW_ME_STEPS }, (_, s) => ({
    targets: targets.slice(s * FOLLOW_ME_WIDTH, (s + 1) * FOLLOW_ME_WIDTH).map((number) => ({ number })),
    ringSeconds: FOLLOW_ME_RING_SECONDS,
  }));
  return { ...base, steps, ...(pool.followMe.confirm ? { confirm: { ...CONFIRM } } : {}) };
}

export function soakConfigInput(ports: { fs1: number; fs2: number }, redisUrl: string, prefix: string): ConfigInput {
  const input = e2eConfigInput(ports, redisUrl, prefix);
  input.worker = { concurrency: 200, originateTimeoutSeconds: 25, commandTimeoutMs: 3_000, drainTimeoutMs: 5_000, lockDurationMs: 5_000, holdMs: 10_000, bridgeTimeoutSeconds: 15 };
  for (const account of input.accounts) {
    if (account.id === 'platform') account.openingBalance = 100_000_000;
    if (account.id === 'provider-b') {
      account.openingBalance = PROVIDER_B_BALANCE;
      account.recordAllCalls = true;
    }
  }
  input.employees = Object.values(POOLS).flatMap((pool: EmployeePool) => Array.from({ length: pool.size }, (_, i) => employeeInput(pool, i)));
  return input;
}
