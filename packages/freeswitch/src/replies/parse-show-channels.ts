import { z } from 'zod';

/** One row of `show channels as json`, FreeSWITCH's column names kept; `raw` has every column. */
export interface ChannelRow {
  readonly uuid: string;
  readonly direction: string;
  readonly name: string;
  readonly state: string;
  readonly callstate: string;
  readonly dest: string;
  readonly cid_num: string;
  readonly cid_name: string;
  readonly context: string;
  readonly call_uuid: string;
  /** Seconds since the epoch. */
  readonly created_epoch: number;
  readonly raw: Readonly<Record<string, string>>;
}

export type ShowChannelsResult =
  | { readonly ok: true; readonly rows: readonly ChannelRow[] }
  | { readonly ok: false; readonly error: string };

const Cell = z.union([z.string(), z.number(), z.null()]).transform((v) => (v === null ? '' : String(v)));

const ShowChannelsSchema = z.object({
  row_count: z.number().int().nonnegative(),
  rows: z.array(z.record(z.string(), Cell)).default([]),
});

/** Parses the api/response of `show channels as json` (`{"row_count": 0}` when there are none). */
export function parseShowChannels(reply: string): ShowChannelsResult {
  let json: unknown;
  try {
    json = JSON.parse(reply);
  } catch {
    return { ok: false, error: reply.trim() };
  }
  const parsed = ShowChannelsSchema.safeParse(json);
  if (!parsed.success)
    return { ok: false, error: `unexpected show channels reply: ${parsed.error.issues[0]?.message ?? ''}` };
  const rows: ChannelRow[] = [];
  for (const raw of parsed.data.rows) {
    const uuid = raw.uuid ?? '';
    if (uuid === '') continue;
    const epoch = Number(raw.created_epoch ?? '0');
    rows.push({
      uuid,
      direction: raw.direction ?? '',
      name: raw.name ?? '',
      state: raw.state ?? '',
      callstate: raw.callstate ?? '',
      dest: raw.dest ?? '',
      cid_num: raw.cid_num ?? '',
      cid_name: raw.cid_name ?? '',
      context: raw.context ?? '',
      call_uuid: raw.call_uuid ?? '',
      created_epoch: Number.isFinite(epoch) ? epoch : 0,
      raw,
    });
  }
  return { ok: true, rows };
}
