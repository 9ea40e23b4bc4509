import type { Config } from '@callfwd/domain';
import { writeErr } from '../output/write-out.js';
import { resolveConfigPath } from './default-config-path.js';
import { formatFileProblem, loadConfigFile } from './load-config-file.js';

/**
 * The config a data command works on, or null after printing every problem to stderr (the
 * caller exits 2). Only check-config prints the problems in more detail.
 */
export async function requireConfig(args: { config?: string | undefined; 'insecure-dev'?: boolean | undefined }): Promise<Config | null> {
  const file = resolveConfigPath(args.config, process.env);
  const loaded = await loadConfigFile(file, { env: process.env, insecureDev: args['insecure-dev'] ?? false });
  if (loaded.ok) return loaded.config;
  writeErr(`callfwd: the config ${file} is not valid (run callfwd check-config for the details):`);
  for (const problem of loaded.problems) writeErr(`  ${formatFileProblem(file, problem)}`);
  return null;
}
