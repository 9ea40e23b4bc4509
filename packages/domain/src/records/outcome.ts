import { z } from 'zod';

export const OUTCOMES = [
  'answered',
  'no_answer',
  'busy',
  'route_down',
  'rejected',
  'failed',
  'caller_hung_up',
  'insufficient_credit',
  'not_forwarded',
  'limit_reached',
  'destination_not_allowed',
] as const;

/** How a forward ended, in the call record. */
export const OutcomeSchema = z.enum(OUTCOMES);

export type Outcome = z.infer<typeof OutcomeSchema>;
