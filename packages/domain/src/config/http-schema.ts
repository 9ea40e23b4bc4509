import { z } from 'zod';
import { EnvVarNameSchema, HostSchema, PortSchema } from './common-schemas.js';

const HTTP_DEFAULTS = { host: '127.0.0.1', port: 9464 };

/** The HTTP endpoint (metrics, health) as written in the config file. */
export const HttpFileSchema = z
  .strictObject({
    host: HostSchema.default(HTTP_DEFAULTS.host),
    port: PortSchema.default(HTTP_DEFAULTS.port),
    tokenEnv: EnvVarNameSchema.optional(),
  })
  .default(HTTP_DEFAULTS);

/** The HTTP endpoint after secrets are resolved: `token` is set when `tokenEnv` was. */
export const HttpConfigSchema = z.strictObject({
  host: HostSchema,
  port: PortSchema,
  tokenEnv: EnvVarNameSchema.optional(),
  token: z.string().min(1).optional(),
});

export type HttpConfig = z.infer<typeof HttpConfigSchema>;
