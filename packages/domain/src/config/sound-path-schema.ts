import { z } from 'zod';

/**
 * A sound file FreeSWITCH plays: an absolute path (`/usr/share/freeswitch/sounds/x.wav`) or one
 * under a FreeSWITCH variable (`$${sounds_dir}/x.wav`). Letters, digits and `_ . / -` only after
 * that: nothing that could end an ESL command or split a dial string (no spaces, quotes, commas,
 * pipes, brackets or braces).
 */
export const SoundPathSchema = z
  .string()
  .max(512, { message: 'must be at most 512 characters' })
  .regex(/^(\/|\$\$\{[A-Za-z_][A-Za-z0-9_]{0,63}\}\/)[A-Za-z0-9_./-]+$/, {
    message: 'must be an absolute sound path or $${sounds_dir}/..., of letters, digits and _./- only',
  })
  .refine((path) => !path.split('/').includes('..') && !path.includes('//'), {
    message: 'must not contain ".." or "//"',
  });

export type SoundPath = z.infer<typeof SoundPathSchema>;
