/** The event names callfwd subscribes to with `event json ...`, in the order they are sent. */
export const EVENTS_CALLFWD_NEEDS = [
  'CHANNEL_CREATE',
  'CHANNEL_PROGRESS',
  'CHANNEL_PROGRESS_MEDIA',
  'CHANNEL_PARK',
  'CHANNEL_ANSWER',
  'CHANNEL_BRIDGE',
  'CHANNEL_UNBRIDGE',
  'CHANNEL_HANGUP',
  'CHANNEL_HANGUP_COMPLETE',
  'CHANNEL_DESTROY',
  'BACKGROUND_JOB',
  'RECORD_START',
  'RECORD_STOP',
] as const;

export type ChannelEventName = (typeof EVENTS_CALLFWD_NEEDS)[number];

const KNOWN: ReadonlySet<string> = new Set(EVENTS_CALLFWD_NEEDS);

export function isChannelEventName(name: string): name is ChannelEventName {
  return KNOWN.has(name);
}
