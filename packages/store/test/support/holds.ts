// Test support for two-phase holds: a fixed clock, a request builder, and a rejection check.
import { expect } from 'chai';
import type { HoldRequest } from '../../src/ledger/hold-results.js';

/** The time of these tests: every hold call passes its own `now`, and the ledgers' clock stands still here. */
export const T = 1_700_000_000_000;
export const MINUTE = 60_000;
/** The ledgers' own clock (for the operations that take no `now`, e.g. topup). */
export const clock = (): number => T;

export function request(amount: number, minAmount = amount, expiresAt = T + MINUTE, now = T): HoldRequest {
  return { amount, minAmount, expiresAt, now };
}

export async function expectRejected(
  promise: Promise<unknown>,
  type: new (...args: never[]) => Error,
): Promise<void> {
  try {
    await promise;
  } catch (err) {
    expect(err).to.be.instanceOf(type);
    return;
  }
  expect.fail('expected a rejection');
}
