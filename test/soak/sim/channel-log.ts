// Tails one simulated node's event, command and originate logs into per-call and per-leg
// histories (the node's truth, whatever callfwd saw). Poll often: the logs are bounded.
import { performance } from 'node:perf_hooks';
import type { CommandRecord, FsEvent, OriginateRecord, SimNode } from '@callfwd/fs-sim';
import type { SimCall, SimLeg } from '../history/history.js';

export interface ChannelLog {
  poll(): void;
  readonly calls: Map<string, SimCall>;
  readonly legs: SimLeg[];
}

const FALLBACK = /^(?:bg)?api (?:uuid_transfer|uuid_broadcast) (\S+)/;
const epochOf = (at: number): number => performance.timeOrigin + at;

function header(event: FsEvent, name: string): string | undefined {
  const found = event.headers.find(([key]) => key === name);
  return found === undefined || typeof found[1] !== 'string' ? undefined : found[1];
}

function eventAt(event: FsEvent): number {
  const micros = Number(header(event, 'Event-Date-Timestamp'));
  return Number.isFinite(micros) ? micros / 1000 : Date.now();
}

/** The entries of a live, bounded log after the last one seen (by identity; all when it was dropped). */
function tail<T>(log: readonly T[], last: T | undefined): T[] {
  if (last === undefined) return log.slice();
  for (let i = log.length - 1; i >= 0; i--) if (log[i] === last) return log.slice(i + 1);
  return log.slice();
}

export function createChannelLog(node: SimNode): ChannelLog {
  const calls = new Map<string, SimCall>();
  const legs: SimLeg[] = [];
  const legsByUuid = new Map<string, SimLeg[]>();
  let lastEvent: FsEvent | undefined;
  let lastCommand: CommandRecord | undefined;
  let lastOriginate: OriginateRecord | undefined;
  const leave = (uuid: string, at: number, how: 'bridge' | 'fallback' | 'hangup') => {
    const call = calls.get(uuid);
    if (call !== undefined && call.leftParkAt === null) calls.set(uuid, { ...call, leftParkAt: at, leftHow: how });
  };
  const updateLegs = (uuid: string, change: (leg: SimLeg) => SimLeg) => {
    const found = legsByUuid.get(uuid);
    if (found === undefined) return;
    for (let i = 0; i < found.length; i++) {
      const next = change(found[i]!);
      legs[legs.indexOf(found[i]!)] = next;
      found[i] = next;
    }
  };
  const onOriginate = (o: OriginateRecord) => {
    const vars = new Map(o.vars);
    const parent = vars.get('callfwd_parent');
    const uuid = vars.get('origination_uuid') ?? vars.get('callfwd_leg');
    if (parent === undefined || uuid === undefined) return;
    const digits = /(\d+)$/.exec(o.dialString)?.[1] ?? '';
    const leg: SimLeg = { uuid, parent, node: node.id, line: vars.get('callfwd_line') ?? '?', target: `+${digits}`, originatedAt: epochOf(o.at), answeredAt: null, bridgedAt: null, endedAt: null, billsec: null, cause: null };
    legs.push(leg);
    legsByUuid.set(uuid, [...(legsByUuid.get(uuid) ?? []), leg]);
  };
  const onEvent = (e: FsEvent) => {
    const uuid = header(e, 'Unique-ID');
    if (uuid === undefined) return;
    const at = eventAt(e);
    switch (e.name) {
      case 'CHANNEL_PARK':
        if (header(e, 'Call-Direction') === 'inbound' && header(e, 'variable_callfwd_connection') !== undefined && !calls.has(uuid) && !legsByUuid.has(uuid)) {
          calls.set(uuid, { uuid, node: node.id, parkedAt: at, leftParkAt: null, leftHow: null });
        }
        break;
      case 'CHANNEL_ANSWER':
        updateLegs(uuid, (l) => (l.answeredAt === null ? { ...l, answeredAt: at } : l));
        break;
      case 'CHANNEL_BRIDGE': {
        const other = header(e, 'Bridge-B-Unique-ID') ?? header(e, 'Other-Leg-Unique-ID');
        leave(uuid, at, 'bridge');
        for (const id of [uuid, other]) if (id !== undefined) updateLegs(id, (l) => (l.bridgedAt === null ? { ...l, bridgedAt: at } : l));
        break;
      }
      case 'CHANNEL_HANGUP_COMPLETE': {
        leave(uuid, at, 'hangup');
        const billsec = Number(header(e, 'variable_billsec') ?? '0');
        updateLegs(uuid, (l) => ({ ...l, endedAt: at, billsec: Number.isInteger(billsec) ? billsec : 0, cause: header(e, 'Hangup-Cause') ?? null }));
        break;
      }
    }
  };
  return {
    calls,
    legs,
    poll() {
      const originates = node.originates();
      for (const o of tail(originates, lastOriginate)) onOriginate(o);
      lastOriginate = originates[originates.length - 1] ?? lastOriginate;
      const events = node.events();
      for (const e of tail(events, lastEvent)) onEvent(e);
      lastEvent = events[events.length - 1] ?? lastEvent;
      const commands = node.commands();
      for (const c of tail(commands, lastCommand)) {
        const match = FALLBACK.exec(c.raw);
        if (match !== null) leave(match[1]!, epochOf(c.at), 'fallback');
      }
      lastCommand = commands[commands.length - 1] ?? lastCommand;
    },
  };
}
