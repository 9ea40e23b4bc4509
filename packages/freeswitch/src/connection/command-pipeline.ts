import type { FreeSwitchResponse } from 'esl';
import type { ApiCommand, BgapiCommand } from '../commands/esl-command.js';
import type { ApiOutcome, BgapiOutcome } from './esl-exchange.js';

interface Reply {
  readonly headers: Record<string, string | undefined>;
  readonly body: unknown;
}

interface Waiter {
  resolve(reply: Reply): void;
  fail(kind: 'timeout' | 'disconnected', error: Error): void;
}

/**
 * Commands written without waiting for the previous reply. FreeSWITCH runs one socket's commands
 * in order and answers each in turn, so replies are matched first in, first out: one queue for
 * `api/response`, one for `command/reply`. (esl's own api/send wait for each reply before writing
 * the next command: one round trip per command, which caps a busy worker at a few hundred commands
 * a second per node.) Use only once the handshake is done; a timeout ends the session, since every
 * later reply would be matched to the wrong command.
 */
export class CommandPipeline {
  private readonly apiWaiters: Waiter[] = [];
  private readonly replyWaiters: Waiter[] = [];
  private closed = false;

  constructor(private readonly call: FreeSwitchResponse) {
    call.on('freeswitch_api_response', (res: Reply) => this.apiWaiters.shift()?.resolve(res));
    call.on('freeswitch_command_reply', (res: Reply) => this.replyWaiters.shift()?.resolve(res));
  }

  async api(command: ApiCommand, timeoutMs: number): Promise<ApiOutcome> {
    try {
      const res = await this.exchange(this.apiWaiters, `api ${command.text}`, {}, timeoutMs);
      return { kind: 'reply', body: typeof res.body === 'string' ? res.body : '' };
    } catch (err) {
      return { kind: (err as PipelineError).kind ?? 'disconnected', error: err };
    }
  }

  async bgapi(command: BgapiCommand, timeoutMs: number): Promise<BgapiOutcome> {
    try {
      const res = await this.exchange(this.replyWaiters, `bgapi ${command.text}`, { 'Job-UUID': command.jobUuid }, timeoutMs);
      const reply = res.headers['Reply-Text'] ?? '';
      if (reply.startsWith('-')) return { kind: 'rejected', reply };
      const body = res.body as Record<string, unknown> | undefined;
      const fromBody = typeof body?.['Job-UUID'] === 'string' ? body['Job-UUID'] : undefined;
      const echoed = /Job-UUID: (\S+)/.exec(reply)?.[1] ?? res.headers['Job-UUID'] ?? fromBody;
      return { kind: 'accepted', jobUuid: echoed ?? command.jobUuid };
    } catch (err) {
      return { kind: (err as PipelineError).kind ?? 'disconnected', error: err };
    }
  }

  /** The socket is gone: every command still waiting fails as disconnected. */
  close(): void {
    this.closed = true;
    const error = new PipelineError('disconnected', 'event socket closed');
    for (const waiter of [...this.apiWaiters.splice(0), ...this.replyWaiters.splice(0)]) waiter.fail('disconnected', error);
  }

  private exchange(queue: Waiter[], text: string, headers: Record<string, string>, timeoutMs: number): Promise<Reply> {
    if (this.closed) return Promise.reject(new PipelineError('disconnected', 'event socket closed'));
    return new Promise<Reply>((resolve, reject) => {
      const timer = setTimeout(() => {
        const at = queue.indexOf(waiter);
        if (at >= 0) queue.splice(at, 1);
        reject(new PipelineError('timeout', `no reply within ${timeoutMs} ms to ${text.split(' ', 2).join(' ')}`));
      }, timeoutMs);
      const waiter: Waiter = {
        resolve: (reply) => {
          clearTimeout(timer);
          resolve(reply);
        },
        fail: (_kind, error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      queue.push(waiter);
      this.call.write(text, headers).catch((err: unknown) => {
        const at = queue.indexOf(waiter);
        if (at >= 0) queue.splice(at, 1);
        waiter.fail('disconnected', new PipelineError('disconnected', String(err)));
      });
    });
  }
}

class PipelineError extends Error {
  constructor(
    readonly kind: 'timeout' | 'disconnected',
    message: string,
  ) {
    super(message);
  }
}
