// What the drain reads from: the records outbox in Redis (@callfwd/store's `createRecordsOutbox(...).source(accounts)`
// has this shape; records does not depend on the store).

export type OutboxKind = 'record' | 'journal' | 'recording' | 'history';

export interface OutboxItem {
  stream: string;
  id: string;
  kind: OutboxKind;
  data: unknown;
}

export interface OutboxReadProblem {
  stream: string;
  id: string;
  error: string;
}

export interface OutboxSource {
  read(count: number): Promise<{ items: OutboxItem[]; problems: OutboxReadProblem[] }>;
  ack(items: readonly Pick<OutboxItem, 'stream' | 'id'>[]): Promise<number>;
  deadLetter(problems: readonly OutboxReadProblem[]): Promise<void>;
  backlog(): Promise<number>;
}
