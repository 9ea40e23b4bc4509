import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Writable } from 'node:stream';

export interface RunChildOptions {
  /** The command line after node: e.g. [...execArgv, bin, 'run', '--config', file, '--role', 'worker']. */
  args: readonly string[];
  env: NodeJS.ProcessEnv;
  /** Where the child's log lines (stdout and stderr) go. */
  logTo: Writable;
  /** A name put in front of stderr lines in the log. */
  name: string;
}

export interface RunChild {
  readonly child: ChildProcess;
  /** The JSON log lines seen so far. */
  readonly lines: Record<string, unknown>[];
  /** Resolves with the ready line; rejects when the child exits first or `timeoutMs` passes. */
  ready(timeoutMs: number): Promise<Record<string, unknown>>;
  /** SIGTERM and wait for the exit; SIGKILL after `graceMs`. Resolves with the exit code (null if killed). */
  stop(graceMs: number): Promise<number | null>;
  readonly exited: Promise<number | null>;
}

/** Starts a `callfwd run` child, reads its JSON log lines, copies them to `logTo`. */
export function startRunChild(options: RunChildOptions): RunChild {
  const child = spawn(process.execPath, [...options.args], { env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: Record<string, unknown>[] = [];
  const waiters = new Set<() => void>();
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  createInterface({ input: child.stdout }).on('line', (line) => {
    options.logTo.write(`${line}\n`);
    try {
      lines.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      return;
    }
    for (const wake of waiters) wake();
  });
  createInterface({ input: child.stderr }).on('line', (line) => options.logTo.write(`[${options.name} stderr] ${line}\n`));
  let exitCode: number | null | undefined;
  void exited.then((code) => {
    exitCode = code;
    for (const wake of waiters) wake();
  });

  return {
    child,
    lines,
    exited,
    ready(timeoutMs) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => finish(new Error(`${options.name} was not ready after ${timeoutMs} ms`)), timeoutMs);
        const check = () => {
          const line = lines.find((l) => l.msg === 'ready');
          if (line !== undefined) finish(undefined, line);
          else if (exitCode !== undefined) finish(new Error(`${options.name} exited (${exitCode}) before it was ready`));
        };
        function finish(err: Error | undefined, line?: Record<string, unknown>) {
          clearTimeout(timer);
          waiters.delete(check);
          if (err !== undefined) reject(err);
          else resolve(line!);
        }
        waiters.add(check);
        check();
      });
    },
    async stop(graceMs) {
      if (exitCode !== undefined) return exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
