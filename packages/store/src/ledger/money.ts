// Guards for amounts of money: integer minor units, never floats. A bad amount is a caller's bug.

export function assertAmount(name: string, value: number, { allowZero }: { allowZero: boolean }): void {
  if (!Number.isSafeInteger(value) || value < 0 || (!allowZero && value === 0)) {
    const want = allowZero ? 'an integer >= 0' : 'an integer > 0';
    throw new RangeError(`${name} must be ${want} (minor units), got ${value}`);
  }
}
