// The simulator in its own process (its CPU is not the driver's), asked over IPC (at most one request of each reply type at a time).
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { REPO_ROOT } from '../../faults/support/callfwd-process.js';
import { SimReplySchema, type SimReply, type SimRequest } from '../sim/sim-messages.js';

export interface SimProcess {
  readonly ports: { fs1: number; fs2: number };
  ask<T extends SimReply['type']>(request: SimRequest, expect: T, timeoutMs: number): Promise<Extract<SimReply, { type: T }>>;
  stop(): Promise<void>;
}

export async function startSimProcess(): Promise<SimProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--conditions=@callfwd/source', '--import=tsx', join(REPO_ROOT, 'test/soak/sim/soak-sim-main.ts')], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const errors: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (line) => errors.push(line));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ports = await new Promise<{ fs1: number; fs2: number }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the simulator did not start: ${errors.join('\n')}`)), 60_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.includes('"ready"')) return;
      clearTimeout(timer);
      const [fs1, fs2] = (JSON.parse(line) as { ports: number[] }).ports;
      resolve({ fs1: fs1!, fs2: fs2! });
    });
    void exited.then(() => reject(new Error(`the simulator exited: ${errors.join('\n')}`)));
  });
  const askOnce = <T extends SimReply['type']>(request: SimRequest, expect: T, timeoutMs: number) =>
    new Promise<Extract<SimReply, { type: T }>>((resolve, reject) => {
      const timer = setTimeout(() => finish(new Error(`the simulator did not answer ${request.type} in ${timeoutMs} ms`)), timeoutMs);
      const onMessage = (raw: unknown) => {
        const parsed = SimReplySchema.safeParse(raw);
        if (!parsed.success) return finish(new Error(`bad reply from the simulator: ${parsed.error.message}`));
        if (parsed.data.type === 'error') return finish(new Error(`simulator: ${parsed.data.message}`));
        // Another request's answer (the load runs while faults and status checks are asked).
        if (parsed.data.type !== expect) return;
        finish(undefined, parsed.data as Extract<SimReply, { type: T }>);
      };
      const finish = (err?: Error, value?: Extract<SimReply, { type: T }>) => {
        clearTimeout(timer);
        child.off('message', onMessage);
        if (err !== undefined) reject(err);
        else resolve(value!);
      };
      child.on('message', onMessage);
      child.send(request);
    });
  return {
    ports,
    ask: askOnce,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.send({ type: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
