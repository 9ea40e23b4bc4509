import { CallfwdError } from '../errors/callfwd-error.js';

/** ceil(a / b) for non-negative safe integers, exactly (no float rounding). */
export function ceilDiv(a: number, b: number): number {
  const remainder = a % b;
  return (a - remainder) / b + (remainder > 0 ? 1 : 0);
}

/** a * b, or a thrown INTERNAL error when the product would lose integer precision. */
export function safeMultiply(a: number, b: number): number {
  const product = a * b;
  if (!Number.isSafeInteger(product))
    throw new CallfwdError('INTERNAL', 'money arithmetic left the safe-integer range');
  return product;
}
