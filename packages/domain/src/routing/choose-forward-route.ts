import type { Account } from '../config/account-schema.js';
import { findAccount, findLine, findTariff } from '../config/config-lookup.js';
import type { Config } from '../config/config-schema.js';
import type { Line } from '../config/line-schema.js';
import type { Tariff } from '../config/tariff-schema.js';
import type { E164 } from '../values/e164.js';
import { isE164 } from '../values/e164.js';
import { buildDialString } from './build-dial-string.js';
import type { ForwardViaReason } from './effective-forward-via.js';
import { effectiveForwardVia } from './effective-forward-via.js';

export interface ChooseForwardRouteInput {
  config: Config;
  connection: string;
  target: E164;
  /** Run-time forward-via changes: connection id -> line id. */
  overrides: Readonly<Record<string, string>>;
}

/** One line to try, in order: who pays, at what tariff, and the dial string. */
export interface RouteAttempt {
  line: Line;
  account: Account;
  tariff: Tariff;
  dialString: string;
  /** Why this line: the forward-via reason for the first attempt, `failover` after it. */
  viaReason: ForwardViaReason | 'failover';
  /** 0-based. */
  attempt: number;
}

export type RouteFailureReason =
  'unknown_connection' | 'unknown_line' | 'unknown_account' | 'unknown_tariff' | 'invalid_target';

export type ForwardRoute =
  | { ok: true; attempts: RouteAttempt[]; explanation: string }
  | { ok: false; reason: RouteFailureReason; detail: string };

/**
 * Rules 1, 3 and 7: the lines a forward tries, in order. First the effective forward-via
 * line, then its failover lines (the via line's own `failover`, else the connection's),
 * without repeats.
 */
export function chooseForwardRoute(input: ChooseForwardRouteInput): ForwardRoute {
  const { config, connection, target } = input;
  if (!isE164(target))
    return { ok: false, reason: 'invalid_target', detail: 'the target is not an E.164 number' };
  const via = effectiveForwardVia(config, connection, input.overrides);
  if (!via.ok) {
    const detail =
      via.reason === 'unknown_connection'
        ? `no line "${connection}" in the config`
        : `the forward-via line of "${connection}" is not in the config`;
    return { ok: false, reason: via.reason, detail };
  }

  const own = findLine(config, connection);
  const failover = via.line.failover.length > 0 ? via.line.failover : (own?.failover ?? []);
  const lineIds = [...new Set([via.line.id, ...failover])];

  const attempts: RouteAttempt[] = [];
  for (const [attempt, lineId] of lineIds.entries()) {
    const line = findLine(config, lineId);
    if (line === undefined)
      return { ok: false, reason: 'unknown_line', detail: `failover line "${lineId}" is not in the config` };
    const account = findAccount(config, line.account);
    if (account === undefined) {
      return {
        ok: false,
        reason: 'unknown_account',
        detail: `line ${line.id} is paid by unknown account "${line.account}"`,
      };
    }
    const tariff = findTariff(config, account.tariff);
    if (tariff === undefined) {
      return {
        ok: false,
        reason: 'unknown_tariff',
        detail: `account ${account.id} has unknown tariff "${account.tariff}"`,
      };
    }
    attempts.push({
      line,
      account,
      tariff,
      dialString: buildDialString(line.dial, target),
      viaReason: attempt === 0 ? via.reason : 'failover',
      attempt,
    });
  }
  const then = lineIds.length > 1 ? `; on a failed route then ${lineIds.slice(1).join(', ')}` : '';
  return { ok: true, attempts, explanation: `${via.explanation}${then}` };
}
