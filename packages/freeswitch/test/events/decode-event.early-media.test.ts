import { expect } from 'chai';
import { decodeEvent, EVENTS_CALLFWD_NEEDS, isMalformed, type ChannelEvent } from '../../src/index.js';
import { splitFrames } from '../support/esl-frames.js';
import { listRecvCaptures, NEXT_FIXTURES_DIR, readFixture, readNextFixture } from '../support/fixtures.js';

const OURS: ReadonlySet<string> = new Set(EVENTS_CALLFWD_NEEDS);

function decodeAll(raw: Buffer): Array<ReturnType<typeof decodeEvent>> {
  return splitFrames(raw)
    .filter(
      (f) =>
        f.headers['Content-Type'] === 'text/event-json' || f.headers['Content-Type'] === 'text/event-plain',
    )
    .map((f) => decodeEvent(f.headers, f.body, 'fs-test'));
}

function named(raw: Buffer, name: string): ChannelEvent[] {
  return decodeAll(raw).flatMap((r) => (r.ok && r.event.name === name ? [r.event] : []));
}

describe('decodeEvent: CHANNEL_PROGRESS and CHANNEL_PROGRESS_MEDIA (real 1.10.12 bytes)', () => {
  it('decodes every JSON CHANNEL_PROGRESS_MEDIA of early-media-originate, -a and -b legs', () => {
    const raw = readNextFixture('early-media-originate/controller.recv.raw');
    const events = named(raw, 'CHANNEL_PROGRESS_MEDIA');
    expect(events).to.have.length(
      raw.toString('utf8').split('"Event-Name":"CHANNEL_PROGRESS_MEDIA"').length - 1,
    );
    expect(events[0]).to.deep.include({
      name: 'CHANNEL_PROGRESS_MEDIA',
      node: 'fs-test',
      uuid: 'f70a523d-878a-4d28-8c2c-175056fe7a69',
      channelName: 'loopback/705-a',
      direction: 'outbound',
    });
    expect(events[1]).to.deep.include({
      uuid: 'e463fa43-23f1-486b-8451-7290f8f62a28',
      channelName: 'loopback/705-b',
    });
    expect(events[0]?.name !== 'BACKGROUND_JOB' && events[0]?.timestampUs).to.be.greaterThan(
      1_700_000_000_000_000,
    );
  });

  it('decodes a plain CHANNEL_PROGRESS_MEDIA (forward-originate-bridge-plain) with the same fields', () => {
    const events = named(
      readFixture('forward-originate-bridge-plain/controller.recv.raw'),
      'CHANNEL_PROGRESS_MEDIA',
    );
    expect(events).to.have.length(2);
    for (const e of events) {
      expect(e.name === 'CHANNEL_PROGRESS_MEDIA' && e.uuid).to.match(/^[0-9a-f-]{36}$/);
      expect(e.name === 'CHANNEL_PROGRESS_MEDIA' && e.channelName).to.match(/^loopback\//);
    }
  });

  it('decodes the JSON CHANNEL_PROGRESS (ringing) of simultaneous-originate', () => {
    const events = named(readNextFixture('simultaneous-originate/controller.recv.raw'), 'CHANNEL_PROGRESS');
    expect(events.length).to.be.greaterThan(0);
    expect(
      events.every((e) => e.name === 'CHANNEL_PROGRESS' && e.channelName.startsWith('loopback/')),
    ).to.equal(true);
  });

  it('decodes every frame of a subscribed name in all esl-real-next captures, with zero malformed', () => {
    const results = listRecvCaptures(NEXT_FIXTURES_DIR).flatMap((c) =>
      decodeAll(readNextFixture(`${c}.recv.raw`)),
    );
    expect(results.length).to.be.greaterThan(300);
    expect(results.filter((r) => isMalformed(r))).to.deep.equal([]);
    const unknownOfOurs = results.filter((r) => !r.ok && OURS.has(r.eventName ?? ''));
    expect(unknownOfOurs).to.deep.equal([]);
  });
});
