import { expect } from 'chai';
import pg from 'pg';
import { createRecordsDb } from '../../src/db/create-records-db.js';
import { readMigrations } from '../../src/db/migrations-dir.js';
import { createSchema, databaseUrl, dropSchema, urlWithSchema } from '../support/database.js';

describe('migrate', () => {
  let schema: string;
  let url: string;
  const versions = readMigrations().map((m) => m.version);

  before(() => {
    databaseUrl();
  });
  beforeEach(async () => {
    schema = await createSchema();
    url = urlWithSchema(databaseUrl(), schema);
  });
  afterEach(async () => {
    await dropSchema(schema);
  });

  it('applies every migration once; a second run applies nothing', async () => {
    const db = createRecordsDb({ url });
    try {
      const first = await db.migrate();
      expect(first.applied).to.deep.equal(versions);
      expect(first.partitionsCreated).to.be.greaterThan(0);
      const second = await db.migrate();
      expect(second).to.deep.equal({ applied: [], partitionsCreated: 0 });
      const tables = await db.pool.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = $1`,
        [schema],
      );
      const names = tables.rows.map((r) => r.table_name);
      for (const table of [
        'call_records',
        'journal',
        'recordings',
        'settings_history',
        'leg_cdrs',
        'schema_migrations',
      ]) {
        expect(names).to.include(table);
      }
    } finally {
      await db.close();
    }
  });

  it('two processes migrating at once apply each migration once', async () => {
    const a = createRecordsDb({ url });
    const b = createRecordsDb({ url });
    try {
      const [ra, rb] = await Promise.all([a.migrate(), b.migrate()]);
      expect([...ra.applied, ...rb.applied].sort((x, y) => x - y)).to.deep.equal(versions);
      const rows = await a.pool.query<{ n: string }>('SELECT count(*) AS n FROM schema_migrations');
      expect(Number(rows.rows[0]?.n)).to.equal(versions.length);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('fails with a clear error on a URL that is not postgres://', () => {
    expect(() => createRecordsDb({ url: 'redis://127.0.0.1:6379' })).to.throw(/postgres:\/\//);
  });

  it('keeps the day partition of today, so a record of now does not land in the default partition', async () => {
    const db = createRecordsDb({ url });
    try {
      await db.migrate();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const reply = await client.query<{ tableoid: string }>(
        `SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYYMMDD') AS tableoid`,
      );
      const today = `call_records_${reply.rows[0]?.tableoid}`;
      const exists = await client.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [today]);
      await client.end();
      expect(exists.rows[0]?.t).to.equal(today);
    } finally {
      await db.close();
    }
  });
});
