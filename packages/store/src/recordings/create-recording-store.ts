// The recordings list: one entry per recorded forward, by time and by account.
import type { Cluster, Redis } from 'ioredis';
import { createKeyspace } from '../keys/keyspace.js';
import { replyInteger } from '../lua/reply.js';
import { loadScripts, runScript } from '../lua/scripts.js';

export interface Recording {
  callUuid: string;
  /** The file FreeSWITCH wrote. */
  file: string;
  account: string;
  /** When the recording started (the target answered), ms since the epoch. */
  startedAt: number;
  seconds: number;
}

export interface RecordingStore {
  /** Adds the recording once per call uuid; returns whether it was added now. */
  add(recording: Recording): Promise<{ added: boolean }>;
  /** Newest first; default limit 100. */
  list(query?: { account?: string; limit?: number }): Promise<Recording[]>;
}

const DEFAULT_LIMIT = 100;

export function createRecordingStore(redis: Redis | Cluster, prefix: string): RecordingStore {
  const keys = createKeyspace(prefix).records;
  loadScripts(redis, ['indexed-put']);

  return {
    async add(recording) {
      if (!Number.isSafeInteger(recording.startedAt))
        throw new RangeError(`startedAt must be integer ms, got ${recording.startedAt}`);
      const { callUuid, file, account, startedAt, seconds } = recording;
      const indexes = [keys.recordings, keys.recordingsByAccount(account)];
      const reply = await runScript(
        redis,
        'indexed-put',
        [keys.recording(callUuid), ...indexes],
        [
          JSON.stringify({ callUuid, file, account, startedAt, seconds }),
          callUuid,
          startedAt,
          'nx',
          '',
          indexes.length,
        ],
      );
      return { added: replyInteger(reply, 'indexed-put') === 1 };
    },

    async list(query = {}) {
      const limit = query.limit ?? DEFAULT_LIMIT;
      if (!Number.isSafeInteger(limit) || limit <= 0)
        throw new RangeError(`limit must be an integer > 0, got ${limit}`);
      const index = query.account === undefined ? keys.recordings : keys.recordingsByAccount(query.account);
      const ids = await redis.zrevrange(index, 0, limit - 1);
      if (ids.length === 0) return [];
      const docs = await redis.mget(...ids.map((id) => keys.recording(id)));
      return docs.filter((doc): doc is string => doc !== null).map((doc) => JSON.parse(doc) as Recording);
    },
  };
}
