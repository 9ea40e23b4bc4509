// PostgreSQL in `callfwd run`, when configured: migrate at start (an advisory lock makes two
// processes safe), the records drain (outbox in Redis -> PostgreSQL, 500 a batch, every second),
// the gauges, a reconcile at start (report only), the leg-CDR reconcile every minute, and the
// mod_xml_cdr endpoint. PostgreSQL being down never stops forwarding: start-up goes on, the
// migration is retried, the outbox keeps everything until the drain can write it.
import type { Config } from '@callfwd/domain';
import { createXmlCdrHandler, reconcileLegCdrs, startRecordsDrain, type RecordsDb, type RecordsDrain } from '@callfwd/records';
import { createLedger, createRecordsOutbox } from '@callfwd/store';
import type { Logger, RecordsMetrics } from '@callfwd/telemetry';
import type { Cluster, Redis } from 'ioredis';
import { recordsDbOf, tariffOf } from './records-db.js';
import { runReconcile } from './run-reconcile.js';
import { createXmlCdrServer, type XmlCdrServer } from './xml-cdr-server.js';

export interface RecordsRuntimeOptions {
  config: Config;
  redis: Redis | Cluster;
  log: Logger;
  metrics: RecordsMetrics;
  /** Runs the drain and the reconciles (the worker's side); the CDR endpoint runs either way. */
  drain: boolean;
  /** Overrides postgres.xmlCdr.port (0: a free port). */
  cdrPort?: number | undefined;
  /** Timings, for tests; the defaults are the shipped ones. */
  timings?: Partial<RecordsTimings>;
}

export interface RecordsTimings {
  batchSize: number;
  drainIntervalMs: number;
  gaugeIntervalMs: number;
  legReconcileIntervalMs: number;
  legGraceMs: number;
  migrateRetryMs: number;
}

const DEFAULT_TIMINGS: RecordsTimings = {
  batchSize: 500,
  drainIntervalMs: 1_000,
  gaugeIntervalMs: 5_000,
  legReconcileIntervalMs: 60_000,
  legGraceMs: 120_000,
  migrateRetryMs: 10_000,
};

export interface RecordsRuntime {
  /** Resolves once the CDR endpoint listens (its port, or null); the rest starts in the background. */
  start(): Promise<{ cdrPort: number | null }>;
  /** Whether the migrations have run in this process. */
  migrated(): boolean;
  readonly drainer: RecordsDrain | undefined;
  stop(): Promise<void>;
}

export function createRecordsRuntime(options: RecordsRuntimeOptions): RecordsRuntime | undefined {
  const { config, redis, log, metrics } = options;
  const postgres = config.postgres;
  const db: RecordsDb | null = recordsDbOf(config);
  if (postgres === undefined || db === null) return undefined;
  const t: RecordsTimings = { ...DEFAULT_TIMINGS, ...options.timings };
  const outbox = createRecordsOutbox(redis, config.redis.prefix);
  // The live ledger, for the leg-CDR corrections (no journal options: the reconcile writes its rows itself).
  const ledger = createLedger(redis, config.redis.prefix);
  const source = outbox.source(
    config.accounts.map((a) => a.id),
    { keepInRedisSeconds: postgres.keepInRedisSeconds },
  );
  const timers: NodeJS.Timeout[] = [];
  let drainer: RecordsDrain | undefined;
  let cdrServer: XmlCdrServer | undefined;
  let migrated = false;
  let stopped = false;

  const every = (ms: number, work: () => Promise<void>) => {
    let busy = false;
    const timer = setInterval(() => {
      if (busy || stopped) return;
      busy = true;
      void work().finally(() => (busy = false));
    }, ms);
    timer.unref();
    timers.push(timer);
  };

  async function sampleGauges(): Promise<void> {
    try {
      metrics.backlog.set(await source.backlog());
    } catch {
      // Redis away: the gauge keeps its last value
    }
    metrics.drainFailures.set(drainer?.failures ?? 0);
  }

  async function reconcileAtStart(): Promise<void> {
    try {
      const results = await runReconcile(config, redis, db as RecordsDb, { repair: false });
      const differs = results.filter((r) => r.status === 'differs');
      metrics.reconcileDifferences.set(differs.length);
      const summary = results.map((r) => ({ account: r.account, status: r.status, ofRecord: r.ofRecord, live: r.live.balance, difference: r.difference }));
      if (differs.length > 0) log.warn({ accounts: summary }, 'reconcile: live balances differ from the balance of record (callfwd reconcile --repair moves them)');
      else log.info({ accounts: summary }, 'reconcile: balances match the record');
    } catch (err) {
      log.warn({ err: (err as Error).message }, 'reconcile at start failed');
    }
  }

  async function reconcileLegs(): Promise<void> {
    if (!migrated) return;
    try {
      const counts = await reconcileLegCdrs({
        db: db as RecordsDb,
        tariffFor: tariffOf(config),
        graceMs: t.legGraceMs,
        live: ledger,
        onShortLive: (e) => log.warn(e, 'leg CDR correction: the live balance could not go below zero; callfwd reconcile shows the difference'),
      });
      if (counts.adjusted > 0) metrics.cdrCorrections.inc({ verdict: 'adjusted' }, counts.adjusted);
      if (counts.charged > 0) metrics.cdrCorrections.inc({ verdict: 'charged' }, counts.charged);
      if (counts.written > 0) log.info({ ...counts }, 'leg CDRs reconciled: charges corrected from the CDRs');
    } catch (err) {
      log.warn({ err: (err as Error).message }, 'leg CDR reconcile failed; retried in a minute');
    }
  }

  async function migrateUntilDone(): Promise<void> {
    while (!stopped && !migrated) {
      try {
        const result = await (db as RecordsDb).migrate();
        migrated = true;
        log.info({ applied: result.applied, partitionsCreated: result.partitionsCreated, postgres: postgres?.url }, 'postgres migrated');
      } catch (err) {
        log.warn({ err: (err as Error).message, postgres: postgres?.url, retryMs: t.migrateRetryMs }, 'postgres migration failed; retrying (forwards go on, records wait in the outbox)');
        await new Promise((resolve) => setTimeout(resolve, t.migrateRetryMs).unref());
      }
    }
  }

  return {
    get drainer() {
      return drainer;
    },
    migrated: () => migrated,
    async start() {
      let cdrPort: number | null = null;
      const port = options.cdrPort ?? postgres.xmlCdr?.port;
      if (port !== undefined) {
        if (postgres.xmlCdr === undefined) throw new Error('a CDR port needs postgres.xmlCdr.credentialsEnv in the config');
        const handle = createXmlCdrHandler({
          db,
          credentials: postgres.xmlCdr.credentials,
          log,
          onStored: (inserted) => metrics.cdrsReceived.inc({ new: String(inserted) }),
        });
        cdrServer = createXmlCdrServer(handle);
        cdrPort = await cdrServer.start(config.http.host, port);
        log.info({ cdrHost: config.http.host, cdrPort }, 'mod_xml_cdr endpoint listening');
      }
      if (options.drain) {
        every(t.gaugeIntervalMs, sampleGauges);
        // The drain starts once the tables exist; until then the outbox keeps everything.
        void migrateUntilDone().then(async () => {
          if (stopped) return;
          drainer = startRecordsDrain({ outbox: source, db, batchSize: t.batchSize, intervalMs: t.drainIntervalMs, log });
          await reconcileAtStart();
        });
        every(t.legReconcileIntervalMs, reconcileLegs);
      } else {
        void migrateUntilDone();
      }
      return { cdrPort };
    },
    async stop() {
      stopped = true;
      for (const timer of timers) clearInterval(timer);
      await cdrServer?.stop();
      // One last pass, so what the worker wrote while draining is in PostgreSQL when we can.
      await drainer?.stop();
      if (drainer !== undefined && migrated) {
        try {
          for (let i = 0; i < 20; i += 1) if ((await drainer.drainOnce()).read === 0) break;
        } catch (err) {
          log.warn({ err: (err as Error).message }, 'final records drain failed; the entries stay in the outbox');
        }
      }
      await db.close();
    },
  };
}
