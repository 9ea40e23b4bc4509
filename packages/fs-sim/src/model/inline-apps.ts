// `uuid_transfer <uuid> 'm:^:app:arg^app:arg' inline`: runs a small set of dialplan applications.
import type { Channel } from './channel.js';
import { setApplication, setVar } from './channel.js';
import { answer, hangup, park, preAnswer, startRecording } from './channel-actions.js';
import { bridgeLegs } from './bridge.js';
import type { NodeState } from './node-state.js';
import { originate } from './originate.js';
import { parseDialTarget } from './parse-originate.js';
import { parseScheduleTime, scheduleHangup } from './scheduled-actions.js';

export interface DialplanApp {
  readonly app: string;
  readonly arg: string;
}

/** Splits an inline extension: `m:^:a:x^b:y` uses `^` between apps; otherwise `,`. */
export function parseInlineApps(text: string): DialplanApp[] {
  let body = text;
  let delimiter = ',';
  const custom = /^m:(.):/.exec(text);
  if (custom !== null) {
    delimiter = custom[1]!;
    body = text.slice(custom[0].length);
  }
  return body
    .split(delimiter)
    .filter((part) => part !== '')
    .map((part) => {
      const colon = part.indexOf(':');
      return colon < 0 ? { app: part, arg: '' } : { app: part.slice(0, colon), arg: part.slice(colon + 1) };
    });
}

export async function runInlineApps(state: NodeState, leg: Channel, apps: readonly DialplanApp[]): Promise<void> {
  for (const { app, arg } of apps) {
    if (leg.hungUp) return;
    const stop = await executeApp(state, leg, app, arg);
    if (stop) return;
  }
  // The extension ran out of applications: FreeSWITCH hangs the channel up.
  if (!leg.hungUp && leg.bridgedWith === undefined && !leg.parked) hangup(state, leg, 'NORMAL_CLEARING');
}

/** Runs one application on the leg; true when the leg leaves its application list (park, a
 *  bridge that connected, hangup). */
export function executeApp(state: NodeState, leg: Channel, app: string, arg: string): Promise<boolean> {
  setApplication(leg, app, arg);
  return runApp(state, leg, app, arg);
}

/** switch_channel_execute_on: at the answer, every `execute_on_answer*` variable runs its
 *  application (`app arg`, `app:arg`, or `app::arg` in the background). */
export function executeOnAnswer(state: NodeState, leg: Channel): void {
  for (const [name, value] of [...leg.vars]) {
    if (!name.startsWith('execute_on_answer') || typeof value !== 'string' || value.trim() === '') continue;
    const split = /^([^\s:]+)(?:::|:| )?(.*)$/s.exec(value.trim());
    if (split !== null) void executeApp(state, leg, split[1]!, split[2]!.trim());
  }
}

/** Returns true when the channel leaves the application list (park, bridge that connected, hangup). */
async function runApp(state: NodeState, leg: Channel, app: string, arg: string): Promise<boolean> {
  switch (app) {
    case 'set':
    case 'export': {
      const eq = arg.indexOf('=');
      if (eq > 0) setVar(leg, arg.slice(0, eq), arg.slice(eq + 1));
      return false;
    }
    case 'answer':
      answer(state, leg);
      return false;
    case 'pre_answer':
      preAnswer(state, leg);
      return false;
    case 'sleep':
      await state.clock.sleep(Number(arg) || 0);
      return false;
    case 'playback':
      await state.clock.sleep(1000);
      return false;
    case 'hangup':
      hangup(state, leg, arg.trim() === '' ? 'NORMAL_CLEARING' : arg.trim());
      return true;
    case 'park':
      park(state, leg);
      return true;
    case 'bridge':
      return bridgeApp(state, leg, arg);
    case 'sched_hangup': {
      // sched_hangup [+]<time> [<cause>]: the cause defaults to ALLOTTED_TIMEOUT.
      const [when = '', cause] = arg.split(/\s+/);
      const time = parseScheduleTime(when);
      if (time !== undefined) scheduleHangup(state, leg.uuid, time, cause ?? 'ALLOTTED_TIMEOUT');
      return false;
    }
    case 'record_session':
      startRecording(state, leg, arg.split(' ')[0] ?? arg);
      return false;
    default:
      return false;
  }
}

async function bridgeApp(state: NodeState, leg: Channel, arg: string): Promise<boolean> {
  setVar(leg, 'originate_disposition', 'failure');
  preAnswer(state, leg);
  const target = parseDialTarget(arg);
  const outcome = await originate(state, { ...target, originator: leg, inheritedDialplan: leg.profile.dialplan });
  if (!outcome.ok) {
    setVar(leg, 'originate_disposition', outcome.cause);
    return leg.hungUp;
  }
  if (leg.hungUp) return true;
  bridgeLegs(state, leg, outcome.channel, 'app', () => setVar(leg, 'originate_disposition', 'SUCCESS'));
  return true;
}
