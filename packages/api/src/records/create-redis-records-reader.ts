// The RecordsReader over today's Redis stores. The stores index by time, account and outcome;
// connection and employee are filtered here, reading on in batches until the page is full.
import type { CallRecordStore, RecordingStore, StoredCallRecord } from '@callfwd/store';
import { ApiError } from '../errors/api-error.js';
import { decodeCursor, encodeCursor, isAfter, type CursorPosition } from './page-cursor.js';
import type { Paged, RecordingEntry, RecordsFilter, RecordsPage, RecordsReader } from './records-reader.js';

const BATCH = 500;
/** The recordings store has no time index: at most this many are read per page. */
const RECORDINGS_SCAN = 10_000;

function cursorOf(page: RecordsPage): CursorPosition | undefined {
  if (page.cursor === undefined) return undefined;
  const cursor = decodeCursor(page.cursor);
  if (cursor === undefined)
    throw new ApiError(400, 'BAD_REQUEST', 'cursor: not a cursor from a previous page', 'cursor');
  return cursor;
}

function matches(record: StoredCallRecord | null, filter: RecordsFilter): boolean {
  if (filter.connection !== undefined && record?.connection !== filter.connection) return false;
  if (filter.employee !== undefined && record?.employee !== filter.employee) return false;
  if (filter.outcome !== undefined && record?.outcome !== filter.outcome) return false;
  return true;
}

function pageOf<T extends CursorPosition>(found: T[], limit: number): Paged<T> {
  const items = found.slice(0, limit);
  const last = items[items.length - 1];
  return { items, next: found.length > limit && last !== undefined ? encodeCursor(last) : null };
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

export function createRedisRecordsReader(
  records: CallRecordStore,
  recordings: RecordingStore,
): RecordsReader {
  return {
    async statement(filter, page) {
      const cursor = cursorOf(page);
      const found: StoredCallRecord[] = [];
      let to = cursor?.startedAt ?? filter.to;
      if (filter.to !== undefined && to !== undefined) to = Math.min(to, filter.to);
      let skipAtOrAbove: CursorPosition | undefined = cursor;
      for (;;) {
        const batch = await records.list({
          from: filter.from,
          to,
          account: filter.account,
          outcome: filter.outcome,
          limit: BATCH,
        });
        for (const record of batch) {
          if (!isAfter(record, skipAtOrAbove)) continue;
          if (matches(record, filter)) found.push(record);
          if (found.length > page.limit) return pageOf(found, page.limit);
        }
        const last = batch[batch.length - 1];
        if (batch.length < BATCH || last === undefined) return pageOf(found, page.limit);
        if (
          to === last.startedAt &&
          skipAtOrAbove?.startedAt === last.startedAt &&
          !isAfter(last, skipAtOrAbove)
        ) {
          throw new Error(
            `more than ${BATCH} records start at ${last.startedAt}: the Redis reader cannot page through them`,
          );
        }
        to = last.startedAt;
        skipAtOrAbove = last;
      }
    },

    async recordings(filter, page) {
      const cursor = cursorOf(page);
      const all = await recordings.list({ account: filter.account, limit: RECORDINGS_SCAN });
      const candidates = all
        .filter(
          (r) =>
            (filter.from === undefined || r.startedAt >= filter.from) &&
            (filter.to === undefined || r.startedAt <= filter.to),
        )
        .filter((r) => isAfter(r, cursor))
        .sort((a, b) => b.startedAt - a.startedAt || (a.callUuid < b.callUuid ? 1 : -1));
      const found: RecordingEntry[] = [];
      for (const recording of candidates) {
        const record = await records.get(recording.callUuid);
        if (!matches(record, filter)) continue;
        found.push({
          ...recording,
          outcome: record?.outcome ?? null,
          connection: stringOrNull(record?.connection),
          employee: stringOrNull(record?.employee),
        });
        if (found.length > page.limit) break;
      }
      return pageOf(found, page.limit);
    },
  };
}
