import { expect } from 'chai';
import {
  createNodeConnection,
  decodeEvent,
  EVENTS_CALLFWD_NEEDS,
  FreeswitchError,
  isMalformed,
  type Logger,
  type NodeConnection,
} from '@callfwd/freeswitch';
import { waitFor } from '../support/wait-for.js';
import { startFloodServer, type FloodServer } from './support/flood-server.js';
import { fuzzUuid, nextFuzzFrame, parkEvent } from './support/fuzz-frames.js';
import { createDice, type Dice } from './support/seeded-random.js';

const FRAMES = 100_000;
const DIRECT = 100_000;
const SEED = 20_240_611;
const BATCH = 500;

/** Keeps the warnings the connection logs, so the test can check they stay few. */
function quietLogger(warnings: unknown[]): Logger {
  const logger: Logger = {
    debug: () => undefined,
    info: () => undefined,
    warn: (obj) => void warnings.push(obj),
    error: (obj) => void warnings.push(obj),
    child: () => logger,
  };
  return logger;
}

function jsonFrame(event: Record<string, unknown>): Buffer {
  const body = JSON.stringify(event);
  return Buffer.from(`Content-Length: ${Buffer.byteLength(body)}\nContent-Type: text/event-json\n\n${body}`);
}

describe('fuzz: hostile event-socket frames through a real node connection', function () {
  this.timeout(120_000);
  let server: FloodServer;
  let conn: NodeConnection;
  const seen = new Set<string>();
  const warnings: unknown[] = [];
  let malformedEvents = 0;

  before(async () => {
    server = await startFloodServer();
    conn = createNodeConnection({
      node: { id: 'fuzz', host: '127.0.0.1', port: server.port, password: 'fuzz-pw' },
      logger: quietLogger(warnings),
      commandTimeoutMs: 1_000,
      reconnect: { initialMs: 20, maxMs: 200 },
      onEvent: (event) => {
        if (event.name === 'CHANNEL_PARK') seen.add(event.uuid);
      },
    });
    conn.on('malformed', () => (malformedEvents += 1));
    conn.start();
  });

  after(async () => {
    await conn.stop();
    await server.close();
  });

  it(`counts each of ${FRAMES} seeded malformed and hostile frames, delivers every valid one, and still answers commands`, async () => {
    const session = await server.session(1);
    const dice = createDice(SEED);
    const valid = new Set<string>();
    const kinds = new Map<string, number>();
    let expectedMalformed = 0;
    for (let n = 0; n < FRAMES; n += BATCH) {
      const batch: Buffer[] = [];
      for (let i = n; i < Math.min(FRAMES, n + BATCH); i++) {
        const f = nextFuzzFrame(dice, i);
        kinds.set(f.kind, (kinds.get(f.kind) ?? 0) + 1);
        expectedMalformed += f.malformedCount;
        if (f.uuid !== undefined) valid.add(f.uuid);
        batch.push(f.bytes);
      }
      await session.write(Buffer.concat(batch));
    }
    const sentinel = fuzzUuid(FRAMES + 1);
    await session.write(jsonFrame(parkEvent(sentinel)));
    await waitFor('the sentinel event after the flood', () => seen.has(sentinel), 90_000, 50);

    // Every kind of hostile frame was fed, many times over.
    expect(kinds.size).to.be.greaterThan(15);
    for (const [kind, count] of kinds) expect(count, kind).to.be.greaterThan(50);
    const stats = conn.stats();
    expect(stats.malformed).to.equal(expectedMalformed);
    expect(malformedEvents).to.equal(expectedMalformed);
    expect(stats.reconnects).to.equal(0);
    expect(seen.size).to.equal(valid.size + 1);
    for (const uuid of valid) expect(seen.has(uuid), uuid).to.equal(true);
    // The log is not flooded: the first few malformed frames, then one line per thousand.
    expect(warnings.length).to.be.lessThan(10 + expectedMalformed / 1000 + 5);

    const reply = await conn.getVar(sentinel, 'callfwd_connection');
    expect(reply).to.deep.equal({ ok: true, reply: '+OK fuzz' });
  });

  it('reconnects cleanly after a body cut short by a closed socket', async () => {
    const before = conn.stats();
    const session = await server.session(1);
    await session.write(Buffer.from('Content-Length: 5000\nContent-Type: text/event-json\n\n{"Event-Name":"CHANNEL_PARK","Uni'));
    session.socket.destroy();
    const next = await server.session(2);
    const uuid = fuzzUuid(FRAMES + 2);
    await next.write(jsonFrame(parkEvent(uuid)));
    await waitFor('an event on the new session', () => seen.has(uuid), 10_000);
    expect(conn.stats().reconnects).to.equal(before.reconnects + 1);
    expect(await conn.getVar(uuid, 'x')).to.deep.equal({ ok: true, reply: '+OK fuzz' });
  });

  it('recovers from a Content-Length that never arrives: the next command times out and the socket is replaced', async () => {
    const session = await server.session(2);
    await session.write(Buffer.from('Content-Length: 1099511627776\nContent-Type: text/event-json\n\n{"Event-Name":'));
    const lost = fuzzUuid(FRAMES + 3);
    await session.write(jsonFrame(parkEvent(lost)));
    const failure = await conn.getVar(lost, 'x').then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(failure).to.be.instanceOf(FreeswitchError);
    expect((failure as FreeswitchError).code).to.equal('TIMEOUT');
    // Swallowed by the endless body: never delivered as an event.
    expect(seen.has(lost)).to.equal(false);
    const next = await server.session(3);
    const uuid = fuzzUuid(FRAMES + 4);
    await next.write(jsonFrame(parkEvent(uuid)));
    await waitFor('an event on the replacement session', () => seen.has(uuid), 10_000);
    expect(await conn.getVar(uuid, 'x')).to.deep.equal({ ok: true, reply: '+OK fuzz' });
  });
});

const REASONS = ['NOT_JSON', 'NOT_AN_OBJECT', 'MISSING_EVENT_NAME', 'UNKNOWN_EVENT', 'INVALID_FIELDS'];
const CONTENT_TYPES = ['text/event-json', 'text/event-plain', undefined, 'api/response', ''];

function randomValue(dice: Dice, depth: number): unknown {
  switch (dice.int(depth > 2 ? 5 : 8)) {
    case 0:
      return dice.text(dice.int(40));
    case 1:
      return dice.int(2 ** 31) * (dice.int(2) === 0 ? 1 : -1);
    case 2:
      return null;
    case 3:
      return dice.int(2) === 0;
    case 4:
      return dice.bytes(dice.int(30)).toString('utf8');
    case 5:
      return Array.from({ length: dice.int(4) }, () => randomValue(dice, depth + 1));
    case 6:
      return Object.fromEntries(Array.from({ length: dice.int(4) }, () => [dice.text(6), randomValue(dice, depth + 1)]));
    default:
      return dice.pick([Number.NaN, Infinity, 1e300, -0]);
  }
}

/** A body for decodeEvent: raw text, binary, JSON text, or an already parsed (and mutated) object. */
function randomBody(dice: Dice, n: number): Record<string, unknown> | string {
  const park = parkEvent(fuzzUuid(n));
  switch (dice.int(7)) {
    case 0:
      return dice.text(dice.int(600));
    case 6:
      return dice.pick(['null', '[]', '[{"Event-Name":"CHANNEL_PARK"}]', '42', '"CHANNEL_PARK"', 'true']);
    case 1:
      return dice.bytes(dice.int(600)).toString('utf8');
    case 2: {
      for (let i = dice.int(4); i > 0; i--) park[dice.pick(Object.keys(park))] = randomValue(dice, 0);
      return JSON.stringify(park);
    }
    case 3: {
      for (let i = dice.int(4); i > 0; i--) park[dice.pick(Object.keys(park))] = randomValue(dice, 0);
      park[dice.text(10)] = randomValue(dice, 0);
      return park;
    }
    case 4:
      return Object.entries(park)
        .map(([k, v]) => `${k}: ${dice.int(3) === 0 ? dice.text(12) : encodeURIComponent(String(v))}`)
        .join('\n');
    default:
      return `${dice.text(dice.int(20))}%${dice.text(2)}%%\n\n${dice.text(40)}`;
  }
}

describe('fuzz: decodeEvent on random and malformed input', () => {
  it(`never throws on ${DIRECT} seeded inputs and answers with a closed set of reasons`, () => {
    const dice = createDice(SEED + 1);
    const names = new Set<string>(EVENTS_CALLFWD_NEEDS);
    const tally = new Map<string, number>();
    for (let n = 0; n < DIRECT; n++) {
      const contentType = dice.pick(CONTENT_TYPES);
      const headers = contentType === undefined ? {} : { 'Content-Type': contentType };
      const result = decodeEvent(headers, randomBody(dice, n), 'fuzz');
      const key = result.ok ? 'ok' : result.reason;
      tally.set(key, (tally.get(key) ?? 0) + 1);
      if (result.ok) {
        expect(names.has(result.event.name)).to.equal(true);
      } else {
        expect(REASONS).to.include(result.reason);
        expect(typeof result.detail).to.equal('string');
        expect(isMalformed(result)).to.equal(result.reason !== 'UNKNOWN_EVENT');
      }
    }
    // The generator reaches every outcome, so the property covers them all.
    for (const key of ['ok', ...REASONS]) expect(tally.get(key) ?? 0, key).to.be.greaterThan(100);
  });
});
