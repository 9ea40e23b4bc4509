import { expect } from 'chai';
import {
  decodeEvent,
  decodeJsonEvent,
  decodePlainEvent,
  EVENTS_CALLFWD_NEEDS,
  isMalformed,
  type ChannelEvent,
  type DecodeResult,
} from '../../src/index.js';
import { splitFrames } from '../support/esl-frames.js';
import { listRecvCaptures, readFixture } from '../support/fixtures.js';

const OURS: ReadonlySet<string> = new Set(EVENTS_CALLFWD_NEEDS);

interface Decoded {
  readonly capture: string;
  readonly contentType: string;
  readonly result: DecodeResult;
}

function decodeCapture(capture: string): Decoded[] {
  return splitFrames(readFixture(`${capture}.recv.raw`))
    .filter(
      (f) =>
        f.headers['Content-Type'] === 'text/event-json' || f.headers['Content-Type'] === 'text/event-plain',
    )
    .map((f) => ({
      capture,
      contentType: f.headers['Content-Type'] ?? '',
      result: decodeEvent(f.headers, f.body, 'fs-test'),
    }));
}

function events(decoded: readonly Decoded[]): ChannelEvent[] {
  return decoded.flatMap((d) => (d.result.ok ? [d.result.event] : []));
}

describe('decodeEvent on every captured event frame', () => {
  const all = listRecvCaptures().flatMap(decodeCapture);

  it('finds event frames in the captures, in both formats', () => {
    expect(all.filter((d) => d.contentType === 'text/event-json').length).to.be.greaterThan(300);
    expect(all.filter((d) => d.contentType === 'text/event-plain').length).to.be.greaterThan(100);
  });

  it('decodes every frame of a subscribed event name, with zero malformed', () => {
    const failures = all.filter(
      (d) => !d.result.ok && (d.result.reason !== 'UNKNOWN_EVENT' || OURS.has(d.result.eventName ?? '')),
    );
    expect(failures.map((d) => ({ capture: d.capture, result: d.result }))).to.deep.equal([]);
    expect(all.filter((d) => isMalformed(d.result))).to.have.length(0);
  });

  it('reports the other event names as UNKNOWN_EVENT, not as malformed', () => {
    const unknown = all.filter((d) => !d.result.ok && d.result.reason === 'UNKNOWN_EVENT');
    const names = new Set(unknown.map((d) => (d.result.ok ? '' : d.result.eventName)));
    expect(names)
      .to.include('CHANNEL_STATE')
      .and.to.include('HEARTBEAT')
      .and.to.include('CHANNEL_EXECUTE_COMPLETE');
    for (const name of EVENTS_CALLFWD_NEEDS) expect(names.has(name), name).to.equal(false);
  });

  it('decodes every name we subscribe to at least once', () => {
    const seen = new Set(events(all).map((e) => e.name));
    for (const name of EVENTS_CALLFWD_NEEDS) expect(seen.has(name), name).to.equal(true);
  });
});

describe('decodeEvent values (spot checks against the captures)', () => {
  it('URL-decodes the caller name of a plain CHANNEL_PARK and reads the channel fields', () => {
    const parks = events(decodeCapture('forward-originate-bridge-plain/controller')).filter(
      (e) => e.name === 'CHANNEL_PARK' && e.direction === 'inbound',
    );
    const park = parks[0];
    if (park === undefined || park.name !== 'CHANNEL_PARK')
      throw new Error('no inbound CHANNEL_PARK in capture');
    expect(park.uuid).to.equal('36f5c3e6-e078-4138-801b-26e6d6e358b7');
    expect(park.callerName).to.equal('Alice Caller');
    expect(park.callerNumber).to.equal('48221234567');
    expect(park.destination).to.equal('600100');
    expect(park.context).to.equal('default');
    expect(park.channelName).to.equal('loopback/600100-b');
    expect(park.node).to.equal('fs-test');
    expect(park.variables.callfwd_connection).to.equal('pbx-a');
    expect(park.timestampUs).to.be.a('number').and.to.be.greaterThan(1_700_000_000_000_000);
    expect(park.sequence).to.be.a('number').and.to.be.greaterThan(0);
  });

  it('gives the same caller name from a JSON CHANNEL_PARK, and arrays as first element plus all elements', () => {
    const park = events(decodeCapture('forward-originate-bridge-json/controller')).find(
      (e) => e.name === 'CHANNEL_PARK' && e.direction === 'inbound',
    );
    if (park === undefined || park.name === 'BACKGROUND_JOB') throw new Error('no inbound CHANNEL_PARK');
    expect(park.callerName).to.equal('Alice Caller');
    expect(park.variables.DP_MATCH).to.equal('600100');
    expect(park.arrayVariables.DP_MATCH).to.deep.equal(['600100', '600100']);
  });

  it('reads ARRAY:: values of plain events the same way', () => {
    const withArray = events(decodeCapture('events-plain-all/client')).find(
      (e) => e.name !== 'BACKGROUND_JOB' && e.arrayVariables.DP_MATCH !== undefined,
    );
    if (withArray === undefined || withArray.name === 'BACKGROUND_JOB') throw new Error('no DP_MATCH');
    expect(withArray.arrayVariables.DP_MATCH).to.deep.equal(['700', '700']);
    expect(withArray.variables.DP_MATCH).to.equal('700');
  });

  it('reads BACKGROUND_JOB results: +OK <uuid> and -ERR USER_BUSY, JSON and plain', () => {
    const jobs = events(decodeCapture('failed-originate/controller')).filter(
      (e) => e.name === 'BACKGROUND_JOB',
    );
    const busy = jobs.find(
      (e) => e.name === 'BACKGROUND_JOB' && e.jobUuid === '3a4cdaa4-6307-4257-9146-8d519a3dcf34',
    );
    expect(busy).to.include({ command: 'originate', body: '-ERR USER_BUSY\n' });
    expect(busy?.name === 'BACKGROUND_JOB' && busy.result).to.deep.equal({ ok: false, error: 'USER_BUSY' });

    const ok = events(decodeCapture('forward-originate-bridge-json/controller')).find(
      (e) => e.name === 'BACKGROUND_JOB' && e.jobUuid === 'd12aa9ce-cedf-41a6-9ce6-1c51b8d006c0',
    );
    expect(ok?.name === 'BACKGROUND_JOB' && ok.result).to.deep.equal({
      ok: true,
      value: 'a711d615-c061-4645-a3aa-be3a9da11a6c',
    });

    const plain = events(decodeCapture('events-plain-all/client')).find((e) => e.name === 'BACKGROUND_JOB');
    expect(plain?.name === 'BACKGROUND_JOB' && plain.result).to.deep.equal({
      ok: true,
      value: '1d4fe9aa-dc3d-4f36-a443-42500f495129',
    });
    expect(plain?.name === 'BACKGROUND_JOB' && plain.commandArg).to.equal(
      '{origination_caller_id_number=48220000001}loopback/700/forward-target &park()',
    );
  });

  it('reads hangup causes, billsec and answer/end times', () => {
    const all = events(decodeCapture('forward-originate-bridge-json/controller'));
    const complete = all.find(
      (e) => e.name === 'CHANNEL_HANGUP_COMPLETE' && e.uuid === 'f8ee97b3-9632-491c-bbee-5c448d249588',
    );
    if (complete?.name !== 'CHANNEL_HANGUP_COMPLETE')
      throw new Error('no HANGUP_COMPLETE for the inbound leg');
    expect(complete.hangupCause).to.equal('NORMAL_CLEARING');
    expect(complete.billsec).to.be.within(2, 4);
    expect(complete.answeredAtUs).to.be.a('number');
    expect(complete.endedAtUs).to.be.a('number');
    expect(complete.endedAtUs! - complete.answeredAtUs!).to.be.greaterThan(2_000_000);

    const causes = new Set(
      events(decodeCapture('early-hangup-originate/controller')).flatMap((e) =>
        e.name === 'CHANNEL_HANGUP' ? [e.hangupCause] : [],
      ),
    );
    expect(causes).to.include('ORIGINATOR_CANCEL');
  });

  it('gives null answer time to a call that never answered', () => {
    const unanswered = events(decodeCapture('failed-originate/controller')).find(
      (e) => e.name === 'CHANNEL_HANGUP_COMPLETE' && e.hangupCause === 'USER_BUSY',
    );
    expect(unanswered?.name === 'CHANNEL_HANGUP_COMPLETE' && unanswered.answeredAtUs).to.equal(null);
  });

  it('reads the other leg of CHANNEL_BRIDGE and the recording fields of RECORD_STOP', () => {
    const all = events(decodeCapture('recorded-call/controller'));
    const bridge = all.find((e) => e.name === 'CHANNEL_BRIDGE');
    expect(bridge).to.include({
      uuid: '0d89344e-0b6f-4e7f-9e33-7f392679cc5a',
      otherUuid: '3800ec3f-e691-484c-8f9f-ab4b15876798',
    });
    const stop = all.find((e) => e.name === 'RECORD_STOP');
    if (stop?.name !== 'RECORD_STOP') throw new Error('no RECORD_STOP');
    expect(stop.recordPath).to.equal(
      '/srv/freeswitch/var/lib/freeswitch/recordings/0d89344e-0b6f-4e7f-9e33-7f392679cc5a.wav',
    );
    expect(stop.completionCause).to.equal('success-maxtime');
    expect(stop.recordMs).to.be.a('number').and.to.be.greaterThan(1000);
    expect(stop.recordSeconds).to.equal(Math.floor(stop.recordMs! / 1000));
    const start = all.find((e) => e.name === 'RECORD_START');
    expect(start).to.include({ completionCause: null, recordMs: null });
  });
});

describe('decodeEvent failures', () => {
  const park = {
    'Event-Name': 'CHANNEL_PARK',
    'Unique-ID': 'f8ee97b3-9632-491c-bbee-5c448d249588',
    'Call-Direction': 'inbound',
    'Event-Date-Timestamp': '1795642066299530',
    'Event-Sequence': '3077',
  };

  it('decodes a minimal event object, with empty strings for absent caller fields', () => {
    const result = decodeEvent({}, park, 'n1');
    expect(result.ok && result.event).to.deep.include({
      name: 'CHANNEL_PARK',
      callerName: '',
      destination: '',
      node: 'n1',
    });
  });

  const cases: Array<[string, DecodeResult, string]> = [
    ['not JSON', decodeJsonEvent('{"Event-Name": "CHANNEL_PARK"', 'n1'), 'NOT_JSON'],
    ['a JSON array', decodeJsonEvent('[1,2]', 'n1'), 'NOT_AN_OBJECT'],
    ['no Event-Name', decodeEvent({}, { ...park, 'Event-Name': undefined }, 'n1'), 'MISSING_EVENT_NAME'],
    ['no Unique-ID', decodeEvent({}, { ...park, 'Unique-ID': undefined }, 'n1'), 'INVALID_FIELDS'],
    ['a bad timestamp', decodeEvent({}, { ...park, 'Event-Date-Timestamp': '12x' }, 'n1'), 'INVALID_FIELDS'],
    ['a bad direction', decodeEvent({}, { ...park, 'Call-Direction': 'sideways' }, 'n1'), 'INVALID_FIELDS'],
    [
      'a hangup without cause',
      decodeEvent({}, { ...park, 'Event-Name': 'CHANNEL_HANGUP' }, 'n1'),
      'INVALID_FIELDS',
    ],
    [
      'a bridge without other leg',
      decodeEvent({}, { ...park, 'Event-Name': 'CHANNEL_BRIDGE' }, 'n1'),
      'INVALID_FIELDS',
    ],
    ['a plain event without Event-Name', decodePlainEvent('Unique-ID: x\n\n', 'n1'), 'MISSING_EVENT_NAME'],
  ];
  for (const [what, result, reason] of cases) {
    it(`reports ${what} as ${reason}, malformed`, () => {
      expect(result.ok).to.equal(false);
      expect(!result.ok && result.reason).to.equal(reason);
      expect(isMalformed(result)).to.equal(true);
    });
  }

  it('reports an event name outside our list as UNKNOWN_EVENT, not malformed', () => {
    const result = decodeEvent(
      { 'Content-Type': 'text/event-json' },
      JSON.stringify({ ...park, 'Event-Name': 'CHANNEL_STATE' }),
      'n1',
    );
    expect(result).to.deep.include({ ok: false, reason: 'UNKNOWN_EVENT', eventName: 'CHANNEL_STATE' });
    expect(isMalformed(result)).to.equal(false);
  });

  it('decodes a plain BACKGROUND_JOB body cut to its nested Content-Length', () => {
    const text =
      'Event-Name: BACKGROUND_JOB\nJob-UUID: 3a4cdaa4-6307-4257-9146-8d519a3dcf34\nJob-Command: originate\nEvent-Date-Timestamp: 1\nEvent-Sequence: 2\nContent-Length: 15\n\n-ERR USER_BUSY\nextra';
    const result = decodePlainEvent(text, 'n1');
    expect(result.ok && result.event).to.deep.include({
      name: 'BACKGROUND_JOB',
      body: '-ERR USER_BUSY\n',
      result: { ok: false, error: 'USER_BUSY' },
    });
  });
});
