export { FreeswitchError, BadCommandInput, type FreeswitchErrorCode } from './errors/freeswitch-error.js';
export type { Logger } from './logger.js';

export { EVENTS_CALLFWD_NEEDS, isChannelEventName, type ChannelEventName } from './events/event-names.js';
export type {
  ChannelEvent,
  ChannelEventBase,
  SimpleChannelEvent,
  HangupEvent,
  HangupCompleteEvent,
  BridgeEvent,
  RecordEvent,
  BackgroundJobEvent,
  JobResult,
  DecodeResult,
  DecodeFailureReason,
} from './events/channel-event.js';
export {
  decodeEvent,
  decodeEventObject,
  decodeJsonEvent,
  decodePlainEvent,
  isMalformed,
} from './events/decode-event.js';
export { percentDecode } from './events/percent-decode.js';
export { parseJobResult } from './events/parse-job-result.js';
export { parseOriginateResult, type OriginateReply } from './events/parse-originate-result.js';
export { parseOriginateArg } from './events/parse-originate-arg.js';

export {
  buildOriginate,
  renderDialString,
  buildPreAnswer,
  buildBridge,
  buildKill,
  buildSchedHangup,
  buildSchedKill,
  buildSchedBroadcast,
  buildSchedDel,
  buildTransfer,
  buildSetVar,
  buildGetVar,
  buildExists,
  buildRecord,
  buildShowChannels,
  type OriginateInput,
  type TransferTarget,
} from './commands/build-commands.js';
export { buildAuth, buildSubscription, subscriptionEvents } from './commands/build-session-commands.js';
export { wireBytes, type EslCommand, type ApiCommand, type BgapiCommand } from './commands/esl-command.js';
export { formatVariableValue, formatVariableBlock } from './commands/format-variables.js';
export { sanitizeCallerText } from './commands/sanitize-caller-text.js';
export { LIMITS } from './commands/validate.js';

export {
  parseShowChannels,
  type ChannelRow,
  type ShowChannelsResult,
} from './replies/parse-show-channels.js';
export { parseApiReply } from './replies/parse-api-reply.js';
export { classifyApiFailure, type ApiFailureReason } from './replies/classify-api-failure.js';
export { parseVarReply, type VarReply } from './replies/parse-var-reply.js';
export { parseSchedApiReply, type SchedApiResult } from './replies/parse-sched-api-reply.js';
export { parseSchedDelReply, type SchedDelResult } from './replies/parse-sched-del-reply.js';

export { createNodeConnection } from './connection/create-node-connection.js';
export { backoffDelayMs, type ReconnectPolicy } from './connection/backoff.js';
export type {
  NodeConnection,
  NodeConnectionOptions,
  NodeConnectionEvents,
  NodeAddress,
  ApiResult,
  OriginateResult,
  OriginateOptions,
  SendResult,
  DownReason,
  ConnectionStats,
} from './connection/node-connection.js';
