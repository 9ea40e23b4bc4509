// Premium-rate number ranges refused by default (rule 11: forwarding is how toll fraud happens).
// An account's `limits.destinations.premiumRate` replaces this list; an `allow` prefix at least as
// long reopens a range.

/** Built-in premium-rate prefixes (digits of E.164, no "+"), by country. */
export const DEFAULT_PREMIUM_PREFIXES: Readonly<Record<string, readonly string[]>> = Object.freeze({
  // Poland: 70x premium rate, 30x and 40x premium information and entertainment services.
  PL: ['4870', '4830', '4840'],
  // Germany: 0900 premium rate, 0137 mass calling (televoting).
  DE: ['49900', '49137'],
  // United Kingdom: 09 premium rate, 0871-0873 service numbers.
  GB: ['449', '44871', '44872', '44873'],
  // North America: 1-900.
  US: ['1900'],
});

/** Every built-in premium-rate prefix, whatever the country. */
export function defaultPremiumPrefixes(): string[] {
  return Object.values(DEFAULT_PREMIUM_PREFIXES).flat();
}
