export const DEFAULT_CONFIG_PATH = '/etc/callfwd/callfwd.yaml';

/** `--config FILE`, else `$CALLFWD_CONFIG`, else /etc/callfwd/callfwd.yaml. */
export function resolveConfigPath(given: string | undefined, env: NodeJS.ProcessEnv): string {
  if (given !== undefined) return given;
  const fromEnv = env.CALLFWD_CONFIG;
  return fromEnv !== undefined && fromEnv !== '' ? fromEnv : DEFAULT_CONFIG_PATH;
}
