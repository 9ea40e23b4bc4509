export {
  createListener,
  LISTENER_EVENTS,
  type CallfwdListener,
  type ListenerOptions,
} from './create-listener.js';
export { forwardJobFromEvent } from './events/forward-job-from-event.js';
export type { ForwardJobFromEvent, NewForwardJob } from './events/forward-job-result.js';
export { listParkedCalls, type ParkedCalls, type ParkedNode } from './resync/list-parked-calls.js';
export {
  findUnseenHangups,
  HANGUP_NOT_SEEN,
  type UnseenHangups,
  type UnseenHangupsInput,
} from './resync/find-unseen-hangups.js';
export { createResync, type Resync, type ResyncNode, type ResyncOptions } from './resync/create-resync.js';
export { LISTING_LAG_MS } from './resync/find-missed-leg-events.js';
export {
  createJobAdder,
  type FallbackNode,
  type JobAdder,
  type JobAdderOptions,
} from './jobs/create-job-adder.js';
