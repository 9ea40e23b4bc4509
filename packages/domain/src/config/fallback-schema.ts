import { z } from 'zod';
import { IdSchema } from '../values/id.js';

const TransferFallbackSchema = z.strictObject({
  id: IdSchema,
  kind: z.literal('transfer'),
  extension: z.string().regex(/^[A-Za-z0-9_+*#.-]{1,64}$/, {
    message: 'must be a dialplan extension of letters, digits and _+*#.-',
  }),
  context: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, { message: 'must be a dialplan context name' })
    .default('default'),
  dialplan: z
    .string()
    .regex(/^[A-Za-z0-9_]{1,32}$/, { message: 'must be a dialplan name such as XML' })
    .default('XML'),
});

const AnnouncementFallbackSchema = z.strictObject({
  id: IdSchema,
  kind: z.literal('announcement'),
  sound: z
    .string()
    .regex(/^[A-Za-z0-9_][A-Za-z0-9_./-]{0,254}$/, {
      message: 'must be a sound path of letters, digits and _./-',
    })
    .refine((sound) => !sound.split('/').includes('..'), { message: 'must not contain ".."' }),
  hangupCause: z
    .string()
    .regex(/^[A-Z][A-Z_]{1,63}$/, {
      message: 'must be a FreeSWITCH hangup cause such as NORMAL_TEMPORARY_FAILURE',
    })
    .default('NORMAL_TEMPORARY_FAILURE'),
});

/** What the caller gets when forwarding fails: never dead air. */
export const FallbackSchema = z.discriminatedUnion('kind', [
  TransferFallbackSchema,
  AnnouncementFallbackSchema,
]);

export type Fallback = z.infer<typeof FallbackSchema>;
