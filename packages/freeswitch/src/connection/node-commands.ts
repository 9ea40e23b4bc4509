import { EventEmitter } from 'node:events';
import {
  buildBridge,
  buildExists,
  buildGetVar,
  buildKill,
  buildOriginate,
  buildPreAnswer,
  buildRecord,
  buildSchedDel,
  buildSchedHangup,
  buildSchedBroadcast,
  buildSchedKill,
  buildSetVar,
  buildShowChannels,
  buildTransfer,
  type OriginateInput,
  type TransferTarget,
} from '../commands/build-commands.js';
import type { ApiCommand, BgapiCommand } from '../commands/esl-command.js';
import { parseApiReply, type ApiResult } from '../replies/parse-api-reply.js';
import { parseSchedApiReply, type SchedApiResult } from '../replies/parse-sched-api-reply.js';
import { parseSchedDelReply, type SchedDelResult } from '../replies/parse-sched-del-reply.js';
import { parseShowChannels, type ShowChannelsResult } from '../replies/parse-show-channels.js';
import { parseVarReply, type VarReply } from '../replies/parse-var-reply.js';
import type { NodeConnectionEvents, SendResult } from './node-connection.js';

/**
 * The commands of a node connection: each builds its command through the quoting layer (a
 * refused value rejects with BadCommandInput before anything is written) and sends it with
 * `apiBody` or `bgapi`, which the connection implements. Replies are read here, into types,
 * so no caller matches FreeSWITCH's text.
 */
export abstract class NodeCommands extends EventEmitter<NodeConnectionEvents> {
  /** The api/response body as FreeSWITCH sent it; rejects with FreeswitchError on I/O failure. */
  protected abstract apiBody(command: ApiCommand): Promise<string>;
  /** Writes a bgapi and resolves at its command/reply; rejects with FreeswitchError on I/O failure. */
  protected abstract bgapi(command: BgapiCommand): Promise<SendResult>;

  protected async api(command: ApiCommand): Promise<ApiResult> {
    return parseApiReply(command, await this.apiBody(command));
  }

  async sendOriginate(o: OriginateInput): Promise<SendResult> {
    return await this.bgapi(buildOriginate(o));
  }

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

  async schedKill(uuid: string, seconds: number, cause: string, group: string): Promise<SchedApiResult> {
    return parseSchedApiReply(await this.api(buildSchedKill(uuid, seconds, cause, group)));
  }

  async schedBroadcast(uuid: string, seconds: number, path: string, group: string): Promise<SchedApiResult> {
    return parseSchedApiReply(await this.api(buildSchedBroadcast(uuid, seconds, path, group)));
  }

  async schedDel(group: string): Promise<SchedDelResult> {
    return parseSchedDelReply(await this.api(buildSchedDel(group)));
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

  async readVar(uuid: string, name: string): Promise<VarReply> {
    return parseVarReply(await this.apiBody(buildGetVar(uuid, name)));
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
