import { z } from 'zod';

/** Decimal integers as FreeSWITCH sends them (strings); microsecond timestamps fit in 2^53. */
const Int = z
  .string()
  .regex(/^\d{1,16}$/, 'not a decimal integer')
  .transform(Number);
const Text = z.string().default('');
const HangupCause = z.string().regex(/^[A-Z_]{1,64}$/, 'not a hangup cause');

const Sequenced = z.object({
  'Event-Date-Timestamp': Int,
  'Event-Sequence': Int,
});

export const ChannelFieldsSchema = Sequenced.extend({
  'Unique-ID': z.string().min(1).max(256),
  'Call-Direction': z.enum(['inbound', 'outbound']),
  'Channel-Name': Text,
  'Caller-Caller-ID-Number': Text,
  'Caller-Caller-ID-Name': Text,
  'Caller-Orig-Caller-ID-Number': Text,
  'Caller-Destination-Number': Text,
  'Caller-Context': Text,
  'Answer-State': Text,
});

export const HangupFieldsSchema = z.object({ 'Hangup-Cause': HangupCause });

export const HangupCompleteFieldsSchema = z.object({
  'Hangup-Cause': HangupCause,
  variable_billsec: Int,
  'Caller-Channel-Answered-Time': Int.default(0),
  'Caller-Channel-Hangup-Time': Int.default(0),
});

export const BridgeFieldsSchema = z
  .object({
    'Other-Leg-Unique-ID': z.string().min(1).optional(),
    'Bridge-B-Unique-ID': z.string().min(1).optional(),
  })
  .refine((f) => f['Other-Leg-Unique-ID'] !== undefined || f['Bridge-B-Unique-ID'] !== undefined, {
    message: 'no Other-Leg-Unique-ID or Bridge-B-Unique-ID',
  });

export const RecordFieldsSchema = z.object({
  'Record-File-Path': z.string().min(1),
  'Record-Completion-Cause': z.string().optional(),
  variable_record_seconds: Int.optional(),
  variable_record_ms: Int.optional(),
});

export const BackgroundJobFieldsSchema = Sequenced.extend({
  'Job-UUID': z.string().min(1).max(256),
  'Job-Command': Text,
  'Job-Command-Arg': Text,
  _body: Text,
});
