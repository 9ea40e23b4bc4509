import { z } from 'zod';

/** The name of an environment variable that holds a secret (the config file names it; never holds the value). */
export const EnvVarNameSchema = z.string().regex(/^[A-Z_][A-Z0-9_]{0,127}$/, {
  message: 'must be an environment variable name: upper-case letters, digits and "_"',
});

/** A host name or IP address, nothing that could smuggle a URL or spaces in. */
export const HostSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9.:-]{0,252}$/, {
  message: 'must be a host name or IP address',
});

export const PortSchema = z
  .int({ message: 'must be a whole port number' })
  .min(1, { message: 'must be a port from 1 to 65535' })
  .max(65535, { message: 'must be a port from 1 to 65535' });

export const HostPortSchema = z.strictObject({ host: HostSchema, port: PortSchema });
