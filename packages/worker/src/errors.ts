import { UnrecoverableError } from 'bullmq';

/**
 * The error class is the retry policy. A bad payload or a domain refusal is an
 * `UnrecoverableError` (BullMQ does not retry it); a transient ESL or Redis failure is a
 * `RetryableError`, retried with backoff; the forward's document makes the retry resume.
 */
export class RetryableError extends Error {
  override readonly name = 'RetryableError';
}

export function unrecoverable(message: string): UnrecoverableError {
  return new UnrecoverableError(message);
}
