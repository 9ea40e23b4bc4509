// Pure: from each leg's FreeSWITCH CDR and what the journal holds for it, the journal entries that
// make the charge what billsec and the tariff say: an `adj:<leg>` adjustment for a charge that
// differs, the charge itself for an answered leg that was never charged.
import { rateCall, type E164, type Tariff } from '@callfwd/domain';
import type { JournalEntry } from '../schemas/journal-entry.js';
import type { LegCdr } from '../schemas/leg-cdr.js';

export interface LegCheck {
  cdr: LegCdr;
  /** the journal's charge of this leg (id = leg uuid), if any */
  charge: Pick<JournalEntry, 'amount' | 'account' | 'currency'> | null;
  /** the forward's record (destination and payer), if written yet */
  record: { account: string | null; target: E164 | null; currency: string | null } | null;
}

export type LegVerdict = 'matched' | 'adjusted' | 'charged' | 'waiting' | 'not_ours' | 'no_rate';

export interface LegPlan {
  leg: string;
  verdict: LegVerdict;
  expected: number | null;
  entry: JournalEntry | null;
}

/** What FreeSWITCH measured, billed: 0 for a leg never answered. */
function expectedCost(cdr: LegCdr, tariff: Tariff, target: E164): number | null {
  const billsec = cdr.answerEpoch === null ? 0 : cdr.billsec;
  const rating = rateCall(tariff, target, billsec);
  return rating.ok ? rating.cost : null;
}

export function planLegAdjustment(
  check: LegCheck,
  tariffFor: (account: string) => Tariff | null,
  at: number,
): LegPlan {
  const { cdr, charge, record } = check;
  const leg = cdr.leg;
  if (!cdr.forwardLeg) return { leg, verdict: 'not_ours', expected: null, entry: null };
  const account = charge?.account ?? record?.account ?? null;
  if (record === null || record.target === null || account === null)
    return { leg, verdict: 'waiting', expected: null, entry: null };
  const tariff = tariffFor(account);
  if (tariff === null) return { leg, verdict: 'no_rate', expected: null, entry: null };
  const expected = expectedCost(cdr, tariff, record.target);
  if (expected === null) return { leg, verdict: 'no_rate', expected: null, entry: null };
  const currency = charge?.currency ?? record.currency ?? tariff.currency;
  const base = { account, currency, leg, call: cdr.call, at };
  if (charge === null) {
    if (expected === 0) return { leg, verdict: 'matched', expected, entry: null };
    return {
      leg,
      verdict: 'charged',
      expected,
      entry: {
        ...base,
        id: leg,
        kind: 'charge',
        amount: -expected,
        note: `from the FreeSWITCH CDR: billsec ${cdr.billsec}, no charge seen`,
      },
    };
  }
  const charged = -charge.amount;
  if (charged === expected) return { leg, verdict: 'matched', expected, entry: null };
  return {
    leg,
    verdict: 'adjusted',
    expected,
    entry: {
      ...base,
      id: `adj:${leg}`,
      kind: 'adjustment',
      amount: charged - expected,
      note: `CDR correction: charged ${charged}, billsec ${cdr.billsec} costs ${expected}`,
    },
  };
}
