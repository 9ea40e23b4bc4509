// What one event-socket connection has asked to receive: format, event names, filters, myevents.
import type { FsEvent } from './fs-event.js';
import { headerValue } from './fs-event.js';
import type { EventFormat } from './encode-message.js';
import { EVENT_NAMES } from './event-names.js';

export interface Subscription {
  format: EventFormat;
  all: boolean;
  names: Set<string>;
  filters: Array<readonly [string, string]>;
  /** `myevents`: only events of this channel. */
  onlyUuid: string | undefined;
}

export function createSubscription(): Subscription {
  return { format: 'plain', all: false, names: new Set(), filters: [], onlyUuid: undefined };
}

/** Applies `event <format> <names...>`; returns false when no known keyword was given. */
export function subscribe(sub: Subscription, format: EventFormat, words: readonly string[]): boolean {
  const known = words.filter((word) => EVENT_NAMES.has(word.toUpperCase()));
  if (known.length === 0) return false;
  sub.format = format;
  for (const word of known) {
    const name = word.toUpperCase();
    if (name === 'ALL') sub.all = true;
    else sub.names.add(name);
  }
  return true;
}

export function isSubscribed(sub: Subscription): boolean {
  return sub.all || sub.names.size > 0;
}

export function wants(sub: Subscription, event: FsEvent): boolean {
  if (!sub.all && !sub.names.has(event.name)) return false;
  if (sub.onlyUuid !== undefined) {
    const uuid = headerValue(event, 'Unique-ID');
    const jobOwner = headerValue(event, 'Job-UUID');
    if (uuid !== sub.onlyUuid && jobOwner === undefined) return false;
  }
  if (sub.filters.length === 0) return true;
  return sub.filters.some(([name, value]) => headerValue(event, name) === value);
}
