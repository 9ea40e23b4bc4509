import { z } from 'zod';
import { EnvVarNameSchema, HostSchema, PortSchema } from './common-schemas.js';

const HTTP_DEFAULTS = { host: '127.0.0.1', port: 9464 };

/**
 * The HTTP endpoints as written in the config file: metrics and health on `port`; the operator's
 * API and console on `apiPort` (same host) when it is set, its clients' tokens read from the
 * variable `apiTokensEnv` names (`name:read|write:secret,...`).
 */
export const HttpFileSchema = z
  .strictObject({
    host: HostSchema.default(HTTP_DEFAULTS.host),
    port: PortSchema.default(HTTP_DEFAULTS.port),
    tokenEnv: EnvVarNameSchema.optional(),
    apiPort: PortSchema.optional(),
    apiTokensEnv: EnvVarNameSchema.default('CALLFWD_API_TOKENS'),
  })
  .default({ ...HTTP_DEFAULTS, apiTokensEnv: 'CALLFWD_API_TOKENS' });

/** The HTTP endpoint after secrets are resolved: `token` is set when `tokenEnv` was. */
export const HttpConfigSchema = z.strictObject({
  host: HostSchema,
  port: PortSchema,
  tokenEnv: EnvVarNameSchema.optional(),
  apiPort: PortSchema.optional(),
  apiTokensEnv: EnvVarNameSchema,
  token: z.string().min(1).optional(),
});

export type HttpConfig = z.infer<typeof HttpConfigSchema>;
