// The calls the demo plays: one per case of PRODUCT.md. Times are sim milliseconds.
import type { FarEndScript, PlaceCallInput } from '@callfwd/fs-sim';

export interface DemoCase {
  id: string;
  /** What the case shows, for the report. */
  title: string;
  node: 'fs1' | 'fs2';
  call: PlaceCallInput;
  /** Far ends the case needs, by the digits the simulator is dialled with. */
  farEnds: Readonly<Record<string, FarEndScript>>;
}

const caller = (n: number) => ({ callerNumber: `4822700000${n}`, callerName: `Demo Caller ${n}` });

export const DEMO_CASES: readonly DemoCase[] = [
  {
    id: 'via-main',
    title: 'no answer at the desk phone: forwarded via the main number (forward-via unset)',
    node: 'fs1',
    call: { connection: 'pbx-b', dialled: '48221120001', disposition: 'NO_ANSWER', ...caller(1) },
    farEnds: { '48601000001': { kind: 'answer', afterMs: 3_000, hangupAfterMs: 95_000 } },
  },
  {
    id: 'via-pbx',
    title: 'received on PBX A, forwarded out via PBX B, whose account records every call',
    node: 'fs2',
    call: { connection: 'pbx-a', dialled: '48221110002', ...caller(2) },
    farEnds: { '48601000002': { kind: 'answer', afterMs: 2_000, hangupAfterMs: 70_000 } },
  },
  {
    id: 'via-rented',
    title: 'a rented number forwards through itself',
    node: 'fs1',
    call: { connection: 'sales', dialled: '48225550000', ...caller(3) },
    farEnds: { '48601000003': { kind: 'answer', afterMs: 1_000, hangupAfterMs: 30_000 } },
  },
  {
    id: 'via-connected',
    title: 'PBX C forwards via the connected office number (platform rates)',
    node: 'fs2',
    call: { connection: 'pbx-c', dialled: '48221130004', ...caller(4) },
    farEnds: { '48601000004': { kind: 'answer', afterMs: 1_000, hangupAfterMs: 50_000 } },
  },
  {
    id: 'insufficient-credit',
    title: 'the account paying for the via line (pbx-d) has no credit: the caller gets the fallback',
    node: 'fs1',
    call: { connection: 'pbx-e', dialled: '48221150005', ...caller(5) },
    farEnds: {},
  },
  {
    id: 'caller-hung-up',
    title: 'the caller hangs up while the target rings (record-all on): no recording',
    node: 'fs2',
    call: { connection: 'pbx-a', dialled: '48221110006', hangupAfterMs: 8_000, ...caller(6) },
    farEnds: { '48601000006': { kind: 'answer', afterMs: 60_000, hangupAfterMs: 10_000 } },
  },
  {
    id: 'route-down-failover',
    title: 'route down via PBX F (NORMAL_TEMPORARY_FAILURE), failed over to the next line (main)',
    node: 'fs1',
    call: { connection: 'pbx-g', dialled: '48221170007', ...caller(7) },
    farEnds: {
      '0048601000007': { kind: 'route_down' },
      '48601000007': { kind: 'answer', afterMs: 2_000, hangupAfterMs: 40_000 },
    },
  },
  {
    id: 'cut-at-balance',
    title: 'a prepaid account covers 45 s: the call is cut there and charged exactly once',
    node: 'fs2',
    call: { connection: 'pbx-i', dialled: '48221190008', ...caller(8) },
    farEnds: { '48601000008': { kind: 'answer', afterMs: 1_000, hangupAfterMs: 300_000 } },
  },
  {
    id: 'follow-me',
    title: 'follow-me: the mobile is busy, then the desk and the mobile ring at once; the desk answers',
    node: 'fs1',
    call: { connection: 'pbx-j', dialled: '48221200009', ...caller(9) },
    farEnds: {
      '48601000009': { kind: 'busy' },
      '48221200019': { kind: 'answer', afterMs: 4_000, hangupAfterMs: 30_000 },
    },
  },
  {
    id: 'confirm-voicemail',
    title: 'confirm to accept: the mobile voicemail answers but never presses 1 (charged, not bridged); the desk confirms',
    node: 'fs2',
    call: { connection: 'pbx-j', dialled: '48221200010', ...caller(10) },
    farEnds: {
      '48601000010': { kind: 'answer', afterMs: 2_000, hangupAfterMs: 60_000 },
      '48221200020': { kind: 'answer', afterMs: 2_000, hangupAfterMs: 20_000, keys: { digits: '1', afterMs: 1_000 } },
    },
  },
  {
    id: 'off-hours',
    title: 'working hours: forwards only inside hours, and it is outside: the caller gets the fallback',
    node: 'fs1',
    call: { connection: 'pbx-j', dialled: '48221200011', ...caller(11) },
    farEnds: {},
  },
  {
    id: 'premium-refused',
    title: 'a premium-rate target (+48 70x) is refused: destination_not_allowed, the fallback',
    node: 'fs2',
    call: { connection: 'pbx-j', dialled: '48221200012', ...caller(12) },
    farEnds: {},
  },
];

/** Every case's far ends, for the simulator. */
export function demoFarEnds(): Record<string, FarEndScript> {
  return Object.assign({}, ...DEMO_CASES.map((c) => c.farEnds)) as Record<string, FarEndScript>;
}
