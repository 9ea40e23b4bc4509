/**
 * Tells a running bridge job, at once, that its caller hung up (CHANNEL_HANGUP of the parked leg),
 * so a forward target that is still ringing is cancelled instead of being bridged to no one.
 * Fed by the worker's own event-socket subscription; bounded by the calls being forwarded right now.
 */
export interface CallerWatch {
  /** Call `onHangup` when `callUuid` on `node` hangs up; returns a function that stops watching. */
  watch(node: string, callUuid: string, onHangup: (cause: string) => void): () => void;
  /** Whether a hangup was already seen for this call while it was watched. */
  hungUp(node: string, callUuid: string): string | undefined;
  /** Feed a hangup seen on the event socket. */
  noteHangup(node: string, callUuid: string, cause: string): void;
  size(): number;
}

export function createCallerWatch(): CallerWatch {
  const watchers = new Map<string, { onHangup: (cause: string) => void; cause?: string }>();
  const key = (node: string, uuid: string) => `${node}/${uuid}`;
  return {
    watch(node, callUuid, onHangup) {
      const k = key(node, callUuid);
      const entry: { onHangup: (cause: string) => void; cause?: string } = { onHangup };
      watchers.set(k, entry);
      return () => {
        if (watchers.get(k) === entry) watchers.delete(k);
      };
    },
    hungUp(node, callUuid) {
      return watchers.get(key(node, callUuid))?.cause;
    },
    noteHangup(node, callUuid, cause) {
      const entry = watchers.get(key(node, callUuid));
      if (!entry || entry.cause) return;
      entry.cause = cause;
      entry.onHangup(cause);
    },
    size: () => watchers.size,
  };
}
