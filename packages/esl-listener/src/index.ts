export { createListener, type CallfwdListener, type ListenerOptions } from './create-listener.js';
export { jobFromEvent, type JobFromEvent } from './event-to-job.js';
export { resyncParkedCalls } from './resync-parked-calls.js';
export { settleUnseenHangups, HANGUP_NOT_SEEN } from './settle-unseen-hangups.js';
