import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import type { ConfigInput } from '@callfwd/domain';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(REPO_ROOT, 'packages/cli/src/bin.ts');

/** Writes a config as the YAML file ops would write, in a fresh temp folder. */
export function writeConfigFile(input: ConfigInput): string {
  const dir = mkdtempSync(join(tmpdir(), 'callfwd-e2e-'));
  const path = join(dir, 'callfwd.yaml');
  writeFileSync(path, stringify(input));
  return path;
}

export interface CallfwdProcess {
  readonly child: ChildProcess;
  readonly lines: Record<string, unknown>[];
  readonly exited: Promise<number | null>;
  /** Resolves with the `ready` log line. */
  readonly ready: Promise<Record<string, unknown>>;
}

/** `callfwd run --role <role>` as a real process, as deployed (from source, through tsx). */
export function runCallfwd(
  role: 'listener' | 'worker' | 'all',
  configPath: string,
  env: Readonly<Record<string, string>>,
  extraArgs: readonly string[] = [],
): CallfwdProcess {
  const child = spawn(
    process.execPath,
    ['--conditions=@callfwd/source', '--import=tsx', BIN, 'run', '--config', configPath, '--role', role, '--http-port', '0', ...extraArgs],
    { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const lines: Record<string, unknown>[] = [];
  let resolveReady: (line: Record<string, unknown>) => void = () => undefined;
  let rejectReady: (err: Error) => void = () => undefined;
  const ready = new Promise<Record<string, unknown>>((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  let buffer = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const text = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      try {
        const line = JSON.parse(text) as Record<string, unknown>;
        lines.push(line);
        if (line.msg === 'ready') resolveReady(line);
      } catch {
        lines.push({ text });
      }
    }
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => {
    child.on('exit', (code) => {
      rejectReady(new Error(`callfwd run --role ${role} exited (${code}) before ready: ${stderr.slice(-2000)}`));
      resolve(code);
    });
  });
  return { child, lines, exited, ready };
}
