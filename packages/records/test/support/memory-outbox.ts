// An in-memory OutboxSource with the Redis outbox's semantics (read oldest first without removing,
// ack deletes, dead-letter moves). The real one (@callfwd/store createRecordsOutbox) is tested against
// Redis in packages/store/test/records-outbox.test.ts; this one lets the drain be tested against a
// real PostgreSQL from this package, which does not depend on the store.
import type {
  OutboxItem,
  OutboxKind,
  OutboxReadProblem,
  OutboxSource,
} from '../../src/drain/outbox-source.js';

export interface MemoryOutbox extends OutboxSource {
  append(kind: OutboxKind | 'bogus', data: unknown): void;
  readonly dead: OutboxReadProblem[];
  /** Makes the next n acks throw (a crash between the PostgreSQL write and the ack). */
  failAcks(n: number): void;
}

export function createMemoryOutbox(stream = 'outbox'): MemoryOutbox {
  const entries: { id: string; kind: string; data: unknown }[] = [];
  const dead: OutboxReadProblem[] = [];
  let seq = 0;
  let failing = 0;
  return {
    dead,
    append(kind, data) {
      seq += 1;
      entries.push({ id: `${seq}-0`, kind, data });
    },
    failAcks(n) {
      failing = n;
    },
    read(count) {
      const items: OutboxItem[] = [];
      const problems: OutboxReadProblem[] = [];
      for (const e of entries.slice(0, count)) {
        if (e.kind === 'record' || e.kind === 'journal' || e.kind === 'recording' || e.kind === 'history') {
          items.push({ stream, id: e.id, kind: e.kind, data: structuredClone(e.data) });
        } else problems.push({ stream, id: e.id, error: `unknown outbox kind ${e.kind}` });
      }
      return Promise.resolve({ items, problems });
    },
    ack(items) {
      if (failing > 0) {
        failing -= 1;
        return Promise.reject(new Error('crash between the write and the ack'));
      }
      let n = 0;
      for (const item of items) {
        const i = entries.findIndex((e) => e.id === item.id);
        if (i >= 0) {
          entries.splice(i, 1);
          n += 1;
        }
      }
      return Promise.resolve(n);
    },
    deadLetter(problems) {
      for (const p of problems) {
        const i = entries.findIndex((e) => e.id === p.id);
        if (i >= 0) entries.splice(i, 1);
        dead.push(p);
      }
      return Promise.resolve();
    },
    backlog: () => Promise.resolve(entries.length),
  };
}
