// Which errors mean "Redis is not reachable right now" (as opposed to a refused or broken command).

const UNREACHABLE = [
  'Connection is closed',
  "Stream isn't writeable",
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'CLUSTERDOWN',
  'LOADING',
  'TRYAGAIN',
  'None of startup nodes is available',
];

/**
 * True for the errors ioredis gives while Redis is away or restarting: the command's retries ran
 * out (`MaxRetriesPerRequestError`), the connection closed, refused, reset or timed out, or the
 * server is still loading its data. Such an error says nothing about the command itself.
 */
export function isRedisUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (err.name === 'MaxRetriesPerRequestError') return true;
  return UNREACHABLE.some((text) => err.message.includes(text));
}
