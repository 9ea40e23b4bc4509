// Test support: a real PostgreSQL from DATABASE_URL, a fresh schema per suite (dropped after).
import { randomUUID } from 'node:crypto';
import type { CallRecord } from '@callfwd/domain';
import pg from 'pg';
import { createRecordsDb, type RecordsDb } from '../../src/db/create-records-db.js';

export function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (url === undefined || url === '') {
    throw new Error(
      'DATABASE_URL is not set: the records tests need a real PostgreSQL. ' +
        'Start one with `source scripts/lib/setup.sh && source scripts/lib/postgres.sh && start_postgres`, or run `scripts/test`.',
    );
  }
  return url;
}

/** The URL with its search_path set to the schema (libpq's `options`). */
export function urlWithSchema(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

export async function createSchema(): Promise<string> {
  const schema = `t_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: databaseUrl() });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  return schema;
}

export async function dropSchema(schema: string): Promise<void> {
  const admin = new pg.Client({ connectionString: databaseUrl() });
  await admin.connect();
  await admin.query(`DROP SCHEMA ${schema} CASCADE`);
  await admin.end();
}

/** Mocha hooks: a migrated database in a fresh schema for the suite; read the fields inside tests. */
export function useRecordsDb(): { db: RecordsDb; schema: string; url: string } {
  const fixture = {} as { db: RecordsDb; schema: string; url: string };
  before(async () => {
    fixture.schema = await createSchema();
    fixture.url = urlWithSchema(databaseUrl(), fixture.schema);
    fixture.db = createRecordsDb({ url: fixture.url });
    await fixture.db.migrate();
  });
  after(async () => {
    await fixture.db.close();
    await dropSchema(fixture.schema);
  });
  return fixture;
}

export function uuid(): string {
  return randomUUID();
}

/** A valid call record; override what the test is about. */
export function callRecord(overrides: Partial<CallRecord> = {}): CallRecord {
  const callUuid = overrides.callUuid ?? uuid();
  return {
    callUuid,
    node: 'fs1',
    connection: 'pbx-a',
    caller: { number: '+48221234567', name: 'Alice Caller' },
    dialled: '600940',
    employee: 'emp-1',
    target: '+48601000001',
    viaLine: 'line-1',
    viaNumber: '+48220000001',
    callerIdPresented: '+48221234567',
    callerIdReason: null,
    diversion: null,
    startedAt: 1_796_153_481_000,
    answeredAt: 1_796_153_484_000,
    endedAt: 1_796_153_544_000,
    billedSeconds: 60,
    cost: 12,
    currency: 'PLN',
    account: 'acme',
    outcome: 'answered',
    hangupCause: 'NORMAL_CLEARING',
    recording: null,
    attempts: [{ line: 'line-1', legUuid: uuid(), outcome: 'answered', cause: null }],
    note: null,
    ...overrides,
  };
}
