import { expect } from 'chai';
import type { ChannelEvent } from '@callfwd/freeswitch';
import { noteRingEvent, postDialDelaysMs } from '../../src/run/observe-ringing.js';

const event = (name: string, uuid: string, timestampUs: number, direction: 'inbound' | 'outbound', variables: Record<string, string> = {}): ChannelEvent =>
  ({ name, uuid, timestampUs, direction, variables, node: 'fs1' }) as unknown as ChannelEvent;

describe('post-dial delay from the node events', () => {
  it('takes each call from its inbound park to the first ringing, early media or answer of one of its legs', () => {
    const seen = { parkedAtUs: new Map<string, number>(), ringingAtUs: new Map<string, number>() };
    const events = [
      event('CHANNEL_PARK', 'a', 1_000_000, 'inbound', { callfwd_connection: 'pbx-b' }),
      event('CHANNEL_PARK', 'a', 9_000_000, 'inbound'), // parked again after a transfer: the first counts
      event('CHANNEL_PARK', 'leg-x', 1_100_000, 'inbound', { callfwd_parent: 'a' }), // a loopback leg, not a call
      event('CHANNEL_PROGRESS_MEDIA', 'leg-2', 1_030_000, 'outbound', { callfwd_parent: 'a' }),
      event('CHANNEL_PROGRESS', 'leg-1', 1_012_500, 'outbound', { callfwd_parent: 'a' }),
      event('CHANNEL_PARK', 'b', 2_000_000, 'inbound'),
      event('CHANNEL_ANSWER', 'leg-3', 2_004_000, 'outbound', { callfwd_parent: 'b' }),
      event('CHANNEL_PARK', 'c', 3_000_000, 'inbound'), // never rang: no sample
      event('CHANNEL_HANGUP', 'leg-4', 3_001_000, 'outbound', { callfwd_parent: 'c' }),
    ];
    for (const e of events) noteRingEvent(seen, e);
    expect(postDialDelaysMs(seen, 0)).to.deep.equal([12.5, 4]);
    expect(postDialDelaysMs(seen, 1_500_000), 'warm-up calls left out').to.deep.equal([4]);
  });
});
