import { z } from 'zod';
import { SoundPathSchema } from './sound-path-schema.js';

/** The keys a phone can send as DTMF. */
export const DTMF_KEYS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#'] as const;

export const DtmfKeySchema = z.enum(DTMF_KEYS, { message: 'must be one DTMF key: 0-9, * or #' });

/**
 * Rule 9, confirm to accept: the answered target hears `prompt` and must press `key` within
 * `timeoutSeconds`; otherwise the leg counts as not answered and the forward moves on.
 */
export const ConfirmSettingsSchema = z.strictObject({
  prompt: SoundPathSchema,
  key: DtmfKeySchema,
  timeoutSeconds: z
    .int({ message: 'must be a whole number of seconds' })
    .min(1, { message: 'must be at least 1' })
    .max(30, { message: 'must be at most 30' }),
});

export type ConfirmSettings = z.infer<typeof ConfirmSettingsSchema>;
