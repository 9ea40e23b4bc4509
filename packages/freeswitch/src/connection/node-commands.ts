import { EventEmitter } from 'node:events';
import {
  buildBridge,
  buildExists,
  buildGetVar,
  buildKill,
  buildPreAnswer,
  buildRecord,
  buildSchedHangup,
  buildSetVar,
  buildShowChannels,
  buildTransfer,
  type TransferTarget,
} from '../commands/build-commands.js';
import type { ApiCommand } from '../commands/esl-command.js';
import { parseShowChannels, type ShowChannelsResult } from '../replies/parse-show-channels.js';
import type { ApiResult, NodeConnectionEvents } from './node-connection.js';

/**
 * The api commands of a node connection: each builds its command through the quoting
 * layer (a refused value rejects with BadCommandInput before anything is written) and
 * sends it with `api`, which the connection implements.
 */
export abstract class NodeCommands extends EventEmitter<NodeConnectionEvents> {
  protected abstract api(command: ApiCommand): Promise<ApiResult>;

  async preAnswer(uuid: string): Promise<ApiResult> {
    return await this.api(buildPreAnswer(uuid));
  }

  async bridge(a: string, b: string): Promise<ApiResult> {
    return await this.api(buildBridge(a, b));
  }

  async kill(uuid: string, cause?: string): Promise<ApiResult> {
    return await this.api(buildKill(uuid, cause));
  }

  async schedHangup(uuid: string, seconds: number, cause: string): Promise<ApiResult> {
    return await this.api(buildSchedHangup(uuid, seconds, cause));
  }

  async transfer(uuid: string, target: TransferTarget): Promise<ApiResult> {
    return await this.api(buildTransfer(uuid, target));
  }

  async setVar(uuid: string, name: string, value: string): Promise<ApiResult> {
    return await this.api(buildSetVar(uuid, name, value));
  }

  async getVar(uuid: string, name: string): Promise<ApiResult> {
    return await this.api(buildGetVar(uuid, name));
  }

  async exists(uuid: string): Promise<boolean> {
    const result = await this.api(buildExists(uuid));
    return result.ok && result.reply.trim() === 'true';
  }

  async record(uuid: string, action: 'start' | 'stop', path: string): Promise<ApiResult> {
    return await this.api(buildRecord(uuid, action, path));
  }

  async showChannels(): Promise<ShowChannelsResult> {
    const result = await this.api(buildShowChannels());
    return result.ok ? parseShowChannels(result.reply) : result;
  }
}
