/** Integer minor units as people read them: 1234 EUR -> "12.34 EUR". Never floating point. */
export function formatMoney(minorUnits: number, currency: string | null): string {
  const sign = minorUnits < 0 ? '-' : '';
  const abs = Math.abs(minorUnits);
  const whole = Math.trunc(abs / 100);
  const cents = String(abs % 100).padStart(2, '0');
  return `${sign}${whole}.${cents}${currency === null ? '' : ` ${currency}`}`;
}
