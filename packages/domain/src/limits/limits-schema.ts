import { z } from 'zod';

/** A destination prefix: the first 1 to 15 digits of an E.164 number, without "+" (as tariff prefixes). */
export const DestinationPrefixSchema = z
  .string()
  .regex(/^\d{1,15}$/, { message: 'must be 1 to 15 digits of an E.164 number, without "+"' });

const prefixList = z
  .array(DestinationPrefixSchema)
  .refine((prefixes) => new Set(prefixes).size === prefixes.length, { message: 'lists a prefix twice' });

/**
 * Which destinations the account's forwards may reach (rule 11). The longest matching prefix
 * decides, over the built-in rules: the home country's calling code is allowed, premium-rate
 * prefixes and every other country are refused.
 */
export const DestinationRulesSchema = z
  .strictObject({
    allow: prefixList.default([]),
    deny: prefixList.default([]),
    /** Premium-rate prefixes refused unless allowed; replaces the built-in list when given. */
    premiumRate: prefixList.optional(),
  })
  .superRefine((rules, ctx) => {
    rules.deny.forEach((prefix, index) => {
      if (rules.allow.includes(prefix)) {
        ctx.addIssue({ code: 'custom', path: ['deny', index], message: `prefix ${prefix} is both allowed and denied` });
      }
    });
  });

export type DestinationRules = z.infer<typeof DestinationRulesSchema>;

/** Rule 11: what one account's forwards may do. */
export const AccountLimitsSchema = z.strictObject({
  /**
   * At most this many forwarded calls paid by the account at once: a slot per call, held in the
   * ledger atomically with the first credit hold, released when the forward ends, expiring with it.
   */
  maxConcurrentForwards: z
    .int({ message: 'must be a whole number' })
    .min(1, { message: 'must be at least 1 (leave it out for no limit)' })
    .max(100_000, { message: 'must be at most 100000' })
    .optional(),
  destinations: DestinationRulesSchema.optional(),
});

export type AccountLimits = z.infer<typeof AccountLimitsSchema>;
