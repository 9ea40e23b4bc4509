// @callfwd/store: everything callfwd keeps in Redis.

export { createRedis } from './connection/create-redis.js';
export type { CreateRedisOptions, RedisRole } from './connection/create-redis.js';
export { describeRedisSettings, redisSettingsFromUrl } from './connection/redis-settings.js';
export { watchRedis, type RedisWatch } from './connection/watch-redis.js';
export { isRedisUnavailable } from './connection/redis-errors.js';
export type { RedisHostPort, RedisSettings } from './connection/redis-settings.js';

export { createKeyspace } from './keys/keyspace.js';
export type { AccountKeys, Keyspace, NodeKeys, RecordKeys, SettingsKeys } from './keys/keyspace.js';

export { createLedger, DEFAULT_RESOLVED_TTL_MS, DEFAULT_SWEEP_LIMIT } from './ledger/create-ledger.js';
export type { Ledger, LedgerOptions } from './ledger/create-ledger.js';
export type { HoldOperations } from './ledger/create-hold-ledger.js';
export type {
  ExtendHoldRequest,
  ExtendHoldResult,
  HoldRequest,
  HoldResolution,
  HoldResult,
  PendingHold,
  PostHoldDetails,
  PostHoldResult,
  SweepResult,
  VoidHoldResult,
} from './ledger/hold-results.js';
export type { Balance, DebitEntry, LedgerStats } from './ledger/ledger-results.js';

export { createBridgedLegStore } from './bridged-legs/create-bridged-leg-store.js';
export type { BridgedLeg, BridgedLegStore } from './bridged-legs/create-bridged-leg-store.js';

export { createForwardDocStore, ENDED_DOC_TTL_MS } from './forward-doc/create-forward-doc-store.js';
export type {
  ForwardDocStore,
  ForwardTimerEntry,
  ClaimedTimers,
  ForwardDocStoreOptions,
  LiveForward,
  LoadedForwardDoc,
  MarkResult,
  SaveForwardDocOptions,
  SaveForwardDocResult,
} from './forward-doc/create-forward-doc-store.js';

export { createCallRecordStore } from './records/create-call-record-store.js';
export type {
  CallRecordQuery,
  CallRecordStore,
  StoredCallRecord,
} from './records/create-call-record-store.js';
export { createRecordingStore } from './recordings/create-recording-store.js';
export type { Recording, RecordingStore } from './recordings/create-recording-store.js';
export { createSettingsStore } from './settings/create-settings-store.js';
export type { ForwardViaChange, SettingsStore } from './settings/create-settings-store.js';

export { createQueues } from './queues/create-queues.js';
export type { QueueCounts, Queues, QueuesOptions } from './queues/create-queues.js';
export { createQueueWorker } from './queues/create-queue-worker.js';
export type { QueueWorkerOptions } from './queues/create-queue-worker.js';
export { DEFAULT_JOB_OPTIONS, QUEUE_NAMES, queuePrefix } from './queues/queue-options.js';
export type { QueueName } from './queues/queue-options.js';
export * from './employees/index.js';
export {
  createRecordsOutbox,
  OUTBOX_KINDS,
  outboxFields,
  outboxKeys,
  type OutboxBatch,
  type OutboxEntry,
  type OutboxItem,
  type OutboxKeys,
  type OutboxKind,
  type OutboxReadProblem,
  type OutboxSource,
  type RecordsOutbox,
} from './records-outbox/create-records-outbox.js';
export * from './lines/index.js';
