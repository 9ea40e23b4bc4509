// What a leg should cost: the node's billsec under the tariff of the account its line bills (rule 4).
import { findAccount, findLine, findTariff, isE164, rateCall, type Config } from '@callfwd/domain';
import type { SimLeg } from '../history/history.js';

export type ExpectedCost = { ok: true; account: string; cost: number } | { ok: false; reason: string };

export function expectedCost(config: Config, leg: SimLeg, billsec: number): ExpectedCost {
  const line = findLine(config, leg.line);
  if (line === undefined) return { ok: false, reason: `line ${leg.line} is not in the config` };
  const account = findAccount(config, line.account);
  const tariff = account === undefined ? undefined : findTariff(config, account.tariff);
  if (account === undefined || tariff === undefined) return { ok: false, reason: `line ${leg.line} has no account or tariff` };
  const target: string = leg.target;
  if (!isE164(target)) return { ok: false, reason: `target ${leg.target} is not E.164` };
  const rating = rateCall(tariff, target, billsec);
  if (!rating.ok) return { ok: false, reason: `no rate for ${leg.target} in ${tariff.id}` };
  return { ok: true, account: account.id, cost: rating.cost };
}
