import type { Account } from '../config/account-schema.js';
import { callingCodeOf } from './calling-codes.js';
import { defaultPremiumPrefixes } from './premium-prefixes.js';

export type DestinationRefusal = 'denied_prefix' | 'premium_rate' | 'international';

export type DestinationCheck =
  | { ok: true; prefix: string; detail: string }
  | { ok: false; outcome: 'destination_not_allowed'; reason: DestinationRefusal; prefix: string; detail: string };

type RuleSource = 'deny' | 'allow' | 'premium' | 'home' | 'abroad';

interface Rule {
  prefix: string;
  source: RuleSource;
}

// Among rules of one prefix length: an explicit rule over a built-in one, a refusal over an allowance.
const RANK: Readonly<Record<RuleSource, number>> = { deny: 0, allow: 1, premium: 2, home: 3, abroad: 4 };

function rulesOf(account: Pick<Account, 'country' | 'limits'>): Rule[] {
  const destinations = account.limits?.destinations;
  const rules: Rule[] = [{ prefix: '', source: 'abroad' }];
  if (account.country !== undefined) rules.push({ prefix: callingCodeOf(account.country), source: 'home' });
  for (const prefix of destinations?.premiumRate ?? defaultPremiumPrefixes()) rules.push({ prefix, source: 'premium' });
  for (const prefix of destinations?.allow ?? []) rules.push({ prefix, source: 'allow' });
  for (const prefix of destinations?.deny ?? []) rules.push({ prefix, source: 'deny' });
  return rules;
}

/**
 * Rule 11: whether an account's forward may reach a number. The longest matching prefix decides
 * among the account's `allow` and `deny` prefixes and the built-in rules: premium-rate prefixes are
 * refused, the home country's calling code is allowed, any other country is refused (international).
 * An account without a country has no home: every number not allowed is international.
 */
export function checkDestination(account: Pick<Account, 'id' | 'country' | 'limits'>, e164: string): DestinationCheck {
  const digits = e164.replace(/^\+/, '');
  let best: Rule | undefined;
  for (const rule of rulesOf(account)) {
    if (!digits.startsWith(rule.prefix)) continue;
    if (
      best === undefined ||
      rule.prefix.length > best.prefix.length ||
      (rule.prefix.length === best.prefix.length && RANK[rule.source] < RANK[best.source])
    ) {
      best = rule;
    }
  }
  const rule = best ?? { prefix: '', source: 'abroad' };
  const at = `+${digits}`;
  switch (rule.source) {
    case 'allow':
      return { ok: true, prefix: rule.prefix, detail: `${at} is allowed by account ${account.id}'s prefix ${rule.prefix}` };
    case 'home':
      return { ok: true, prefix: rule.prefix, detail: `${at} is in account ${account.id}'s country ${account.country ?? ''}` };
    case 'deny':
      return refused('denied_prefix', rule.prefix, `${at} is denied by account ${account.id}'s prefix ${rule.prefix}`);
    case 'premium':
      return refused('premium_rate', rule.prefix, `${at} is a premium-rate number (prefix ${rule.prefix}), not allowed for account ${account.id}`);
    case 'abroad':
      return refused(
        'international',
        '',
        account.country === undefined
          ? `${at}: account ${account.id} has no country, so only allowed prefixes are reached`
          : `${at} is outside account ${account.id}'s country ${account.country}, and no allow prefix covers it`,
      );
  }
}

function refused(reason: DestinationRefusal, prefix: string, detail: string): DestinationCheck {
  return { ok: false, outcome: 'destination_not_allowed', reason, prefix, detail };
}
