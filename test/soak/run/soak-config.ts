// The callfwd config of a soak run: the e2e lines and tariffs on two nodes, and pools of
// employees (one target number each, so every call can script its own far end).
import type { ConfigInput } from '@callfwd/domain';
import { e2eConfigInput } from '../../support/e2e-config.js';

/** A pool of employees on one PBX connection: extension `+<extPrefix><i>`, target `+<targetPrefix><i>`. */
export interface EmployeePool {
  readonly name: string;
  readonly connection: string;
  readonly extPrefix: string;
  readonly targetPrefix: string;
  readonly size: number;
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
} as const satisfies Record<string, EmployeePool>;

export const PROVIDER_B_BALANCE = 3_000;

export function poolNumber(prefix: string, i: number): string {
  return `${prefix}${String(i).padStart(5, '0')}`;
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
  input.employees = Object.values(POOLS).flatMap((pool) =>
    Array.from({ length: pool.size }, (_, i) => ({
      id: `${pool.name}${i}`,
      name: `Soak ${pool.name}${i}`,
      connection: pool.connection,
      extensions: [`+${poolNumber(pool.extPrefix, i)}`],
      target: `+${poolNumber(pool.targetPrefix, i)}`,
      triggers: ['always' as const],
    })),
  );
  return input;
}
