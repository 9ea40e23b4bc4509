import { BadCommandInput } from '../errors/freeswitch-error.js';
import { EVENTS_CALLFWD_NEEDS, isChannelEventName, type ChannelEventName } from '../events/event-names.js';

/** `auth <password>`: the password may hold anything but line breaks and NUL, which would end the command. */
export function buildAuth(password: string): string {
  if (typeof password !== 'string' || password === '' || /[\r\n\0]/.test(password)) {
    throw new BadCommandInput('password', 'empty or has a line break or NUL');
  }
  return `auth ${password}`;
}

/**
 * The events to subscribe: a subset of EVENTS_CALLFWD_NEEDS, deduplicated, in the canonical
 * order. Undefined means all of them. A non-empty list always gets BACKGROUND_JOB (an awaited
 * originate waits for it); an empty list stays empty: a command-only connection.
 */
export function subscriptionEvents(
  events: readonly string[] = EVENTS_CALLFWD_NEEDS,
): readonly ChannelEventName[] {
  for (const name of events) {
    if (!isChannelEventName(name))
      throw new BadCommandInput('events', `${JSON.stringify(name)} is not an event callfwd decodes`);
  }
  if (events.length === 0) return [];
  const wanted = new Set<string>([...events, 'BACKGROUND_JOB']);
  return EVENTS_CALLFWD_NEEDS.filter((name) => wanted.has(name));
}

/** `event json <names>`, or undefined for no events: then no `event` command is sent at all. */
export function buildSubscription(events: readonly ChannelEventName[]): string | undefined {
  return events.length === 0 ? undefined : `event json ${events.join(' ')}`;
}
