import type { OriginateResult } from './node-connection.js';

interface Waiting {
  readonly resolve: (result: OriginateResult) => void;
  readonly timer: NodeJS.Timeout;
}

/**
 * Originates waiting for their BACKGROUND_JOB, by our Job-UUID. It belongs to the node
 * connection, not to one socket: FreeSWITCH sends BACKGROUND_JOB to every subscribed
 * connection, so a job sent before a reconnect can still finish on the next socket.
 */
export class JobWaiter {
  private readonly waiting = new Map<string, Waiting>();

  has(jobUuid: string): boolean {
    return this.waiting.has(jobUuid);
  }

  /** Resolves with the job's result, or TIMEOUT after timeoutMs. */
  wait(jobUuid: string, timeoutMs: number): Promise<OriginateResult> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(jobUuid);
        resolve({ ok: false, cause: 'TIMEOUT' });
      }, timeoutMs);
      this.waiting.set(jobUuid, { resolve, timer });
    });
  }

  /** Ends one wait with `result`; false when nobody waits for this job (another client's job). */
  settle(jobUuid: string, result: OriginateResult): boolean {
    const entry = this.waiting.get(jobUuid);
    if (entry === undefined) return false;
    this.waiting.delete(jobUuid);
    clearTimeout(entry.timer);
    entry.resolve(result);
    return true;
  }

  /** FreeSWITCH answered with another Job-UUID than ours: wait for that one instead. */
  rename(from: string, to: string): void {
    const entry = this.waiting.get(from);
    if (entry === undefined || from === to) return;
    this.waiting.delete(from);
    this.waiting.set(to, entry);
  }

  settleAll(result: OriginateResult): void {
    for (const jobUuid of [...this.waiting.keys()]) this.settle(jobUuid, result);
  }
}
