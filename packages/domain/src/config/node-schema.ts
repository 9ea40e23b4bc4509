import { z } from 'zod';
import { IdSchema } from '../values/id.js';
import { EnvVarNameSchema, HostSchema, PortSchema } from './common-schemas.js';

/** A FreeSWITCH node as written in the config file: its event-socket password is named, not given. */
export const NodeFileSchema = z.strictObject({
  id: IdSchema,
  host: HostSchema,
  port: PortSchema.default(8021),
  passwordEnv: EnvVarNameSchema,
});

/** A FreeSWITCH node after secrets are resolved. */
export const NodeConfigSchema = NodeFileSchema.extend({ password: z.string().min(1) });

export type NodeConfig = z.infer<typeof NodeConfigSchema>;
