import { CallfwdError } from '../errors/callfwd-error.js';
import { ceilDiv } from './integer-math.js';

/** A billing increment: the first `first` seconds are charged whole, then blocks of `next`. */
export interface Increment {
  first: number;
  next: number;
}

/** Reads "60/1" as { first: 60, next: 1 }. The config schema has validated it; anything else is a bug. */
export function parseIncrement(increment: string): Increment {
  const match = /^([1-9]\d{0,3})\/([1-9]\d{0,3})$/.exec(increment);
  if (match?.[1] === undefined || match[2] === undefined) {
    throw new CallfwdError('BAD_INPUT', `billing increment must be "<first>/<next>" seconds`);
  }
  return { first: Number(match[1]), next: Number(match[2]) };
}

/** Seconds charged for a leg of `billedSeconds`: 0 for 0, else `first`, then whole `next` blocks. */
export function chargedSecondsFor(increment: Increment, billedSeconds: number): number {
  if (billedSeconds <= 0) return 0;
  if (billedSeconds <= increment.first) return increment.first;
  return increment.first + ceilDiv(billedSeconds - increment.first, increment.next) * increment.next;
}
