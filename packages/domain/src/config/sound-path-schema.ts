import { z } from 'zod';

/**
 * A sound file FreeSWITCH plays, as an absolute path on the node
 * (`/usr/share/freeswitch/sounds/en/us/callie/x.wav`). Letters, digits and `_ . / -` only: nothing
 * that could end an ESL command or split a dial string (no spaces, quotes, commas, pipes, brackets
 * or braces). Not `$${sounds_dir}/...`: `$${}` is expanded only when FreeSWITCH reads its XML
 * config, never in an event-socket command, so such a path would reach the node unexpanded.
 */
export const SoundPathSchema = z
  .string()
  .max(512, { message: 'must be at most 512 characters' })
  .regex(/^\/[A-Za-z0-9_./-]+$/, {
    message: 'must be an absolute sound path on the node (letters, digits and _./- only; $${...} is not expanded in event-socket commands)',
  })
  .refine((path) => !path.split('/').includes('..') && !path.includes('//'), {
    message: 'must not contain ".." or "//"',
  });

export type SoundPath = z.infer<typeof SoundPathSchema>;
