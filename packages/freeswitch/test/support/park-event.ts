import { splitFrames } from './esl-frames.js';
import { readFixture } from './fixtures.js';

/** The JSON body of the first inbound CHANNEL_PARK in the forward-originate-bridge-json capture. */
export function capturedParkEvent(): Record<string, unknown> {
  const frames = splitFrames(readFixture('forward-originate-bridge-json/controller.recv.raw'));
  for (const f of frames) {
    if (f.headers['Content-Type'] !== 'text/event-json') continue;
    const event = JSON.parse(f.body) as Record<string, unknown>;
    if (event['Event-Name'] === 'CHANNEL_PARK' && event['Call-Direction'] === 'inbound') return event;
  }
  throw new Error('no inbound CHANNEL_PARK in the capture');
}

/** A lowercase UUID-shaped id that differs for each n. */
export function uuidFor(n: number): string {
  const hex = n.toString(16).padStart(12, '0');
  return `00000000-0000-4000-8000-${hex}`;
}
