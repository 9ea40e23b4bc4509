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
 * The events to subscribe: a subset of EVENTS_CALLFWD_NEEDS, always with BACKGROUND_JOB
 * (originate waits for it), deduplicated, in the canonical order.
 */
export function subscriptionEvents(
  events: readonly string[] = EVENTS_CALLFWD_NEEDS,
): readonly ChannelEventName[] {
  for (const name of events) {
    if (!isChannelEventName(name))
      throw new BadCommandInput('events', `${JSON.stringify(name)} is not an event callfwd decodes`);
  }
  const wanted = new Set<string>([...events, 'BACKGROUND_JOB']);
  return EVENTS_CALLFWD_NEEDS.filter((name) => wanted.has(name));
}

/** `event json <names>` */
export function buildSubscription(events: readonly ChannelEventName[]): string {
  return `event json ${events.join(' ')}`;
}
