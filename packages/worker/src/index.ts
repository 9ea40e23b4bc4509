export { createWorker, type CallfwdWorker, type WorkerOptions } from './create-worker.js';
export { processBridge, type BridgeResult } from './bridge/process-bridge.js';
export { processSettle, type SettleResult } from './settle/process-settle.js';
export { createCallerWatch, type CallerWatch } from './node/caller-watch.js';
export { RetryableError } from './errors.js';
export type { ForwardNode, WorkerDeps } from './worker-deps.js';
