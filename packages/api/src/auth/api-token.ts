import { z } from 'zod';

export const TOKEN_SCOPES = ['read', 'write'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** A client of the API: its name (logged with every change it makes), its scope and its secret. */
export const ApiTokenSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/, {
    message: 'must be 1-64 of a-z 0-9 _ . - (starting with a letter or digit)',
  }),
  scope: z.enum(TOKEN_SCOPES, { message: 'must be read or write' }),
  secret: z
    .string()
    .min(16, { message: 'must be at least 16 characters' })
    .max(256, { message: 'must be at most 256 characters' })
    .regex(/^[\x21-\x7e]+$/, { message: 'must be printable ASCII without spaces' })
    .refine((s) => !s.includes(','), { message: 'must not contain a comma' }),
});

export type ApiToken = z.infer<typeof ApiTokenSchema>;

/** A write token may read too. */
export function scopeAllows(scope: TokenScope, needed: TokenScope): boolean {
  return scope === 'write' || needed === 'read';
}
