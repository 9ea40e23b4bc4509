import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import type { ConfigInput } from '@callfwd/domain';
import { waitFor } from '../../support/wait-for.js';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const BIN = join(REPO_ROOT, 'packages/cli/src/bin.ts');

/** A config written as YAML to a fresh temp directory; `remove()` deletes it. */
export function writeConfigFile(input: ConfigInput | Record<string, unknown>): { path: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'callfwd-faults-'));
  const path = join(dir, 'callfwd.yaml');
  writeFileSync(path, stringify(input));
  return { path, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface CallfwdProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  /** stdout split into lines, as they came. */
  readonly stdout: string[];
  readonly stderr: string[];
  /** stdout lines that are JSON objects. */
  logs(): Record<string, unknown>[];
  /** Resolves with the exit code (or the signal's name). */
  readonly exited: Promise<number | string>;
  waitForReady(timeoutMs?: number): Promise<Record<string, unknown>>;
  /** Sends a signal to this process by its pid; resolves when it exited. */
  kill(signal: NodeJS.Signals): Promise<number | string>;
}

/** Runs `callfwd <args>` from the sources, as `pnpm callfwd` does, with its own environment. */
export function startCallfwd(args: readonly string[], env: Readonly<Record<string, string>>): CallfwdProcess {
  const child = spawn(process.execPath, ['--conditions=@callfwd/source', '--import=tsx', BIN, ...args], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  const collect = (into: string[]) => {
    let rest = '';
    return (chunk: Buffer) => {
      const text = rest + chunk.toString('utf8');
      const lines = text.split('\n');
      rest = lines.pop() ?? '';
      into.push(...lines);
    };
  };
  child.stdout.on('data', collect(stdout));
  child.stderr.on('data', collect(stderr));
  const exited = new Promise<number | string>((done) => child.once('exit', (code, signal) => done(code ?? signal ?? -1)));
  let exitValue: number | string | undefined;
  void exited.then((v) => (exitValue = v));
  const logs = (): Record<string, unknown>[] =>
    stdout.flatMap((line): Record<string, unknown>[] => {
      try {
        const parsed: unknown = JSON.parse(line);
        return isRecord(parsed) ? [parsed] : [];
      } catch {
        return [];
      }
    });
  return {
    child,
    pid: child.pid ?? -1,
    stdout,
    stderr,
    logs,
    exited,
    async waitForReady(timeoutMs = 30_000) {
      return waitFor(
        `callfwd ${args.join(' ')} to log ready`,
        () => {
          if (exitValue !== undefined) throw new Error(`callfwd exited with ${exitValue} before ready: ${stderr.join('\n').slice(0, 2000)}`);
          return logs().find((l) => l.msg === 'ready');
        },
        timeoutMs,
        50,
      );
    },
    async kill(signal) {
      if (exitValue === undefined && child.pid !== undefined) process.kill(child.pid, signal);
      return exited;
    },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Runs a callfwd command to its end; bounded by `timeoutMs` (then SIGKILL). */
export async function runCallfwd(args: readonly string[], env: Readonly<Record<string, string>>, timeoutMs = 30_000) {
  const p = startCallfwd(args, env);
  const timer = setTimeout(() => void p.kill('SIGKILL'), timeoutMs);
  const code = await p.exited;
  clearTimeout(timer);
  return { code, stdout: p.stdout, stderr: p.stderr };
}
