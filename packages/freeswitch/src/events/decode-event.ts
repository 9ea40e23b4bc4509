import type { z } from 'zod';
import type { ChannelEventBase, DecodeResult } from './channel-event.js';
import { isChannelEventName } from './event-names.js';
import {
  BackgroundJobFieldsSchema,
  BridgeFieldsSchema,
  ChannelFieldsSchema,
  HangupCompleteFieldsSchema,
  HangupFieldsSchema,
  RecordFieldsSchema,
} from './event-schemas.js';
import { flattenEvent, type FlatEvent } from './flatten-event.js';
import { parseJobResult } from './parse-job-result.js';
import { parsePlainEvent } from './parse-plain-event.js';

type Failure = Extract<DecodeResult, { ok: false }>;

function invalid(eventName: string, error: z.ZodError): Failure {
  const issue = error.issues[0];
  const detail = issue === undefined ? 'invalid' : `${issue.path.join('.') || '(event)'}: ${issue.message}`;
  return { ok: false, reason: 'INVALID_FIELDS', detail, eventName };
}

function nullIfZero(us: number): number | null {
  return us === 0 ? null : us;
}

function decodeFlat(flat: FlatEvent, node: string): DecodeResult {
  const name = flat.fields['Event-Name'];
  if (name === undefined || name === '')
    return { ok: false, reason: 'MISSING_EVENT_NAME', detail: 'no Event-Name' };
  if (!isChannelEventName(name)) return { ok: false, reason: 'UNKNOWN_EVENT', detail: name, eventName: name };

  if (name === 'BACKGROUND_JOB') {
    const job = BackgroundJobFieldsSchema.safeParse(flat.fields);
    if (!job.success) return invalid(name, job.error);
    const f = job.data;
    return {
      ok: true,
      event: {
        name,
        node,
        jobUuid: f['Job-UUID'],
        command: f['Job-Command'],
        commandArg: f['Job-Command-Arg'],
        body: f._body,
        result: parseJobResult(f._body),
        timestampUs: f['Event-Date-Timestamp'],
        sequence: f['Event-Sequence'],
      },
    };
  }

  const channel = ChannelFieldsSchema.safeParse(flat.fields);
  if (!channel.success) return invalid(name, channel.error);
  const c = channel.data;
  const base: ChannelEventBase = {
    node,
    uuid: c['Unique-ID'],
    direction: c['Call-Direction'],
    channelName: c['Channel-Name'],
    callerNumber: c['Caller-Caller-ID-Number'],
    callerName: c['Caller-Caller-ID-Name'],
    origCallerNumber: c['Caller-Orig-Caller-ID-Number'],
    destination: c['Caller-Destination-Number'],
    context: c['Caller-Context'],
    answerState: c['Answer-State'],
    timestampUs: c['Event-Date-Timestamp'],
    sequence: c['Event-Sequence'],
    variables: flat.variables,
    arrayVariables: flat.arrayVariables,
  };

  switch (name) {
    case 'CHANNEL_CREATE':
    case 'CHANNEL_PROGRESS':
    case 'CHANNEL_PROGRESS_MEDIA':
    case 'CHANNEL_PARK':
    case 'CHANNEL_ANSWER':
    case 'CHANNEL_DESTROY':
      return { ok: true, event: { ...base, name } };
    case 'CHANNEL_HANGUP': {
      const h = HangupFieldsSchema.safeParse(flat.fields);
      if (!h.success) return invalid(name, h.error);
      return { ok: true, event: { ...base, name, hangupCause: h.data['Hangup-Cause'] } };
    }
    case 'CHANNEL_HANGUP_COMPLETE': {
      const h = HangupCompleteFieldsSchema.safeParse(flat.fields);
      if (!h.success) return invalid(name, h.error);
      return {
        ok: true,
        event: {
          ...base,
          name,
          hangupCause: h.data['Hangup-Cause'],
          billsec: h.data.variable_billsec,
          answeredAtUs: nullIfZero(h.data['Caller-Channel-Answered-Time']),
          endedAtUs: nullIfZero(h.data['Caller-Channel-Hangup-Time']),
        },
      };
    }
    case 'CHANNEL_BRIDGE':
    case 'CHANNEL_UNBRIDGE': {
      const b = BridgeFieldsSchema.safeParse(flat.fields);
      if (!b.success) return invalid(name, b.error);
      const otherUuid = b.data['Other-Leg-Unique-ID'] ?? b.data['Bridge-B-Unique-ID'] ?? '';
      return { ok: true, event: { ...base, name, otherUuid } };
    }
    case 'RECORD_START':
    case 'RECORD_STOP': {
      const r = RecordFieldsSchema.safeParse(flat.fields);
      if (!r.success) return invalid(name, r.error);
      return {
        ok: true,
        event: {
          ...base,
          name,
          recordPath: r.data['Record-File-Path'],
          completionCause: r.data['Record-Completion-Cause'] ?? null,
          recordSeconds: r.data.variable_record_seconds ?? null,
          recordMs: r.data.variable_record_ms ?? null,
        },
      };
    }
  }
}

/** Decodes an event already parsed into key/values (a JSON event object, or plain headers). */
export function decodeEventObject(raw: Readonly<Record<string, unknown>>, node: string): DecodeResult {
  return decodeFlat(flattenEvent(raw), node);
}

/** Decodes the body of a `text/event-json` frame. */
export function decodeJsonEvent(text: string, node: string): DecodeResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'NOT_JSON', detail: `${text.length} bytes that are not JSON` };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { ok: false, reason: 'NOT_AN_OBJECT', detail: 'JSON event is not an object' };
  }
  return decodeEventObject(parsed as Record<string, unknown>, node);
}

/** Decodes the body of a `text/event-plain` frame (URL-encoded header block, optional nested body). */
export function decodePlainEvent(text: string, node: string): DecodeResult {
  return decodeEventObject(parsePlainEvent(text), node);
}

/**
 * Decodes one event frame: `headers` are the frame's outer headers (Content-Type,
 * Content-Length), `body` its body, raw (a string) or already parsed (an object).
 * Synchronous and allocation-light: it runs once per event on the socket's data path.
 */
export function decodeEvent(
  headers: Readonly<Record<string, string | undefined>>,
  body: Readonly<Record<string, unknown>> | string,
  node: string,
): DecodeResult {
  if (typeof body !== 'string') return decodeEventObject(body, node);
  const contentType = headers['Content-Type'];
  if (contentType === 'text/event-json') return decodeJsonEvent(body, node);
  if (contentType === 'text/event-plain') return decodePlainEvent(body, node);
  return body.trimStart().startsWith('{') ? decodeJsonEvent(body, node) : decodePlainEvent(body, node);
}

/** True when a failed decode means a broken frame, not merely an event callfwd does not use. */
export function isMalformed(result: DecodeResult): boolean {
  return !result.ok && result.reason !== 'UNKNOWN_EVENT';
}
