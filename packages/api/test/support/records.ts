// Test support: call records and recordings written through the store, as the worker writes them.
import { createCallRecordStore, createRecordingStore, type StoredCallRecord } from '@callfwd/store';
import type { Cluster, Redis } from 'ioredis';

export interface RecordSpec {
  n: number;
  startedAt: number;
  account: string | null;
  outcome: string;
  connection: string;
  employee: string | null;
  recorded?: boolean;
}

export function callUuidOf(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

export async function writeRecords(
  redis: Redis | Cluster,
  prefix: string,
  specs: readonly RecordSpec[],
): Promise<void> {
  const records = createCallRecordStore(redis, prefix);
  const recordings = createRecordingStore(redis, prefix);
  for (const spec of specs) {
    const callUuid = callUuidOf(spec.n);
    const file = `/var/lib/freeswitch/recordings/${callUuid}.wav`;
    const record: StoredCallRecord = {
      callUuid,
      node: 'fs1',
      startedAt: spec.startedAt,
      account: spec.account,
      outcome: spec.outcome,
      connection: spec.connection,
      employee: spec.employee,
      caller: { number: '+48500000000', name: '' },
      dialled: '+48221110001',
      cost: 10,
      billedSeconds: 60,
      recording: spec.recorded === true ? { file, seconds: 60 } : null,
    };
    await records.put(record);
    if (spec.recorded === true && spec.account !== null) {
      await recordings.add({
        callUuid,
        file,
        account: spec.account,
        startedAt: spec.startedAt + 1000,
        seconds: 60,
      });
    }
  }
}
