import { z } from 'zod';

export const DEFAULT_RECORDINGS_DIRECTORY = '/var/lib/freeswitch/recordings';

/** Where FreeSWITCH writes recordings: an absolute path on the node, safe to put in a command. */
export const RecordingsConfigSchema = z
  .strictObject({
    directory: z
      .string()
      .regex(/^\/[A-Za-z0-9_./-]{0,254}$/, {
        message: 'must be an absolute path of letters, digits, "_", ".", "-" and "/"',
      })
      .refine((dir) => !dir.split('/').includes('..'), { message: 'must not contain ".."' }),
  })
  .default({ directory: DEFAULT_RECORDINGS_DIRECTORY });

export type RecordingsConfig = z.infer<typeof RecordingsConfigSchema>;
