// The real FreeSWITCH 1.10.12 captures (shared/fixtures), decoded the way the listener gets them.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeEvent, type BackgroundJobEvent, type ChannelEvent } from '@callfwd/freeswitch';

/** The captures' folder (esl-real, esl-real-next); the repository's shared/ sits beside the checkout. */
const FIXTURES_DIR =
  process.env.CALLFWD_ESL_FIXTURES_ROOT ??
  fileURLToPath(new URL('../../../../../shared/fixtures', import.meta.url));

export const NODE = 'fs1';

/** Every event a capture's socket received, decoded for node `fs1` (`esl-real/forward-originate-bridge-json`). */
export function capturedEvents(capture: string, socket = 'controller'): ChannelEvent[] {
  const path = join(FIXTURES_DIR, capture, `${socket}.recv.raw`);
  if (!existsSync(path))
    throw new Error(`ESL capture ${path} not found: set CALLFWD_ESL_FIXTURES_ROOT to shared/fixtures`);
  const raw = readFileSync(path);
  const events: ChannelEvent[] = [];
  for (let at = 0; at < raw.length;) {
    const end = raw.indexOf('\n\n', at);
    if (end < 0) break;
    const headers: Record<string, string> = {};
    for (const line of raw.toString('utf8', at, end).split('\n')) {
      const colon = line.indexOf(': ');
      if (colon > 0) headers[line.slice(0, colon)] = line.slice(colon + 2);
    }
    const length = Number(headers['Content-Length'] ?? '0');
    const body = raw.toString('utf8', end + 2, end + 2 + length);
    at = end + 2 + length;
    const type = headers['Content-Type'];
    if (type !== 'text/event-json' && type !== 'text/event-plain') continue;
    const decoded = decodeEvent(headers, body, NODE);
    if (decoded.ok) events.push(decoded.event);
  }
  return events;
}

export type ChannelOnlyEvent = Exclude<ChannelEvent, BackgroundJobEvent>;

/** The event as a channel event (not a BACKGROUND_JOB), for tests that edit channel fields. */
export function channelOnly(event: ChannelEvent): ChannelOnlyEvent {
  if (event.name === 'BACKGROUND_JOB') throw new Error('a BACKGROUND_JOB is not a channel event');
  return event;
}

/** The event as a BACKGROUND_JOB. */
export function backgroundJob(event: ChannelEvent): BackgroundJobEvent {
  if (event.name !== 'BACKGROUND_JOB') throw new Error(`${event.name} is not a BACKGROUND_JOB`);
  return event;
}

/** Every capture of both rounds, as [`esl-real/<scenario>`, socket]. */
export function allCaptures(): Array<[string, string]> {
  const found: Array<[string, string]> = [];
  for (const round of ['esl-real', 'esl-real-next']) {
    for (const scenario of readdirSync(join(FIXTURES_DIR, round), { withFileTypes: true })) {
      if (!scenario.isDirectory()) continue;
      for (const file of readdirSync(join(FIXTURES_DIR, round, scenario.name))) {
        if (file.endsWith('.recv.raw'))
          found.push([`${round}/${scenario.name}`, file.slice(0, -'.recv.raw'.length)]);
      }
    }
  }
  return found.sort();
}

/** The one event of that name on that channel (or, for BACKGROUND_JOB, of that Job-UUID). */
export function captured(
  events: readonly ChannelEvent[],
  name: ChannelEvent['name'],
  uuid: string,
): ChannelEvent {
  const found = events.filter(
    (e) => e.name === name && (e.name === 'BACKGROUND_JOB' ? e.jobUuid === uuid : e.uuid === uuid),
  );
  if (found.length !== 1)
    throw new Error(`${found.length} ${name} events of ${uuid} in the capture, expected 1`);
  return found[0]!;
}

/**
 * The captures predate `callfwd_leg`: the worker's originate now sends it (and callfwd_parent) in
 * its `{...}` block. This adds them as the node would have passed them on: to every channel of the
 * originate (mod_loopback copies them onto the far -b half too) and to its BACKGROUND_JOB's arg.
 */
export function asOurLeg(event: ChannelEvent, legUuid: string, parent: string): ChannelEvent {
  if (event.name === 'BACKGROUND_JOB') {
    const extra = event.commandArg.includes('callfwd_parent=') ? '' : `callfwd_parent=${parent},`;
    return {
      ...event,
      commandArg: event.commandArg.replace(/^\{/, `{${extra}callfwd_leg=${legUuid},`),
    } satisfies BackgroundJobEvent;
  }
  return { ...event, variables: { ...event.variables, callfwd_parent: parent, callfwd_leg: legUuid } };
}
