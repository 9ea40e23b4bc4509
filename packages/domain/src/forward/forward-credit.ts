import { nextSlice, secondsCovered } from './credit-slices.js';
import { emit, findLeg, legTerms, updateLeg, type Draft } from './forward-context.js';

/**
 * Credit in slices: `renewBeforeSeconds` before an answered leg's granted time runs out, reserve
 * the next slice. Nothing to plan once the leg holds the account's cap.
 */
export function scheduleRenewal(draft: Draft, legUuid: string): void {
  const leg = findLeg(draft.state, legUuid);
  if (leg === undefined || leg.answeredAt === null) return;
  const terms = legTerms(draft.ctx.config, draft.state, leg);
  if (terms === null || nextSlice(terms, leg.held, leg.coveredSeconds) === null) return;
  const lead = Math.min(draft.ctx.config.billing.renewBeforeSeconds, Math.floor(leg.coveredSeconds / 2));
  const at = leg.answeredAt + Math.max(0, leg.coveredSeconds - lead) * 1000;
  emit(draft, { kind: 'schedule', timer: 'renew_credit', legUuid, slice: leg.slices, at });
}

/** The renewal timer: ask for the next slice (the ledger grants what the account can spare). */
export function onRenewDue(draft: Draft, legUuid: string, slice: number): void {
  const leg = findLeg(draft.state, legUuid);
  if (leg === undefined || leg.status === 'ended' || leg.answeredAt === null || leg.slices !== slice) return;
  const terms = legTerms(draft.ctx.config, draft.state, leg);
  const next = terms === null ? null : nextSlice(terms, leg.held, leg.coveredSeconds);
  if (next === null) return;
  const expiresAt = leg.answeredAt + (next.upTo + draft.ctx.config.billing.holdGraceSeconds) * 1000;
  emit(draft, { kind: 'extend_hold', account: leg.account, legUuid, slice: slice + 1, amount: next.amount, expiresAt });
}

/**
 * The next slice came back (all, part, or none of it). A longer covered time moves the cap; none
 * leaves the cap where it is, and the call ends at the end of what was granted.
 */
export function onCreditExtended(draft: Draft, legUuid: string, slice: number, held: number): void {
  const leg = findLeg(draft.state, legUuid);
  if (leg === undefined || leg.answeredAt === null || leg.slices !== slice - 1) return;
  const terms = legTerms(draft.ctx.config, draft.state, leg);
  if (terms === null) return;
  const next = nextSlice(terms, leg.held, leg.coveredSeconds);
  const covered = next === null ? leg.coveredSeconds : Math.max(leg.coveredSeconds, secondsCovered(terms, held, next.upTo));
  const grew = covered > leg.coveredSeconds;
  updateLeg(draft, legUuid, { held: Math.max(held, leg.held), slices: slice, coveredSeconds: covered });
  if (leg.status === 'ended') return;
  if (!grew) {
    warnLowBalance(draft, legUuid);
    return;
  }
  const elapsed = Math.floor((draft.ctx.now - leg.answeredAt) / 1000);
  emit(draft, { kind: 'cap', legUuid, slice, seconds: Math.max(1, covered - elapsed), replaces: slice - 1 });
  scheduleRenewal(draft, legUuid);
}

/**
 * Rule 12: the next slice was refused, so the call ends where its credit ends: both parties hear
 * the low-balance tone `secondsBefore` that (at once, when less is left). Once per leg.
 */
function warnLowBalance(draft: Draft, legUuid: string): void {
  const warning = draft.ctx.config.billing.lowBalanceWarning;
  const leg = findLeg(draft.state, legUuid);
  if (warning === undefined || leg === undefined || leg.answeredAt === null || leg.warnAt !== null) return;
  const endsAt = leg.answeredAt + leg.coveredSeconds * 1000;
  const at = Math.max(draft.ctx.now, endsAt - warning.secondsBefore * 1000);
  if (at >= endsAt) return;
  updateLeg(draft, legUuid, { warnAt: at });
  emit(draft, { kind: 'warn', legUuid, slice: leg.slices, seconds: Math.max(1, Math.round((at - draft.ctx.now) / 1000)), sound: warning.sound });
}
