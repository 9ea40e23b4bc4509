export { createWorker, type CallfwdWorker, type WorkerOptions } from './create-worker.js';
export { processForwardJob, type ForwardJobResult } from './forward/process-forward-job.js';
export { RetryableError } from './errors.js';
export type { ForwardNode, WorkerDeps } from './worker-deps.js';
