import { expect } from 'chai';
import { createRunProcess, type RunProcess } from '@callfwd/cli';
import { parseConfig, type CallRecord, type Config } from '@callfwd/domain';
import { createListener } from '@callfwd/esl-listener';
import { createLogger, createMetrics, type Metrics } from '@callfwd/telemetry';
import { E2E_ENV, TARGETS } from '../support/e2e-config.js';
import { databaseUrl, psqlRows } from '../support/psql.js';
import { captureLines, startStack, type Stack } from '../support/stack.js';
import { sleep, waitFor } from '../support/wait-for.js';

// FreeSWITCH's own CDR (mod_xml_cdr) closes every leg: the simulator posts each leg's CDR in the
// captured format to `callfwd run`'s CDR endpoint, and the leg reconcile corrects the event-based
// charge to what the CDR's billsec costs. The platform account is billed per second here (1/1, 60
// a minute: 1 minor unit a second), so a charge that differs from billsec by seconds shows.
const CDR_CREDENTIALS = 'freeswitch:cdr-E2e-Secret-3';
const CDR_CORRECTIONS = 'callfwd_records_cdr_corrections_total';
const TALK_MS = 3_000;

interface JournalRow {
  id: string;
  kind: string;
  amount: number;
}

async function journalOfLeg(leg: string): Promise<JournalRow[]> {
  const rows = await psqlRows(`SELECT id, kind, amount_minor FROM journal WHERE leg = :'leg'::uuid ORDER BY id`, { leg });
  return rows.map(([id = '', kind = '', amount = '']) => ({ id, kind, amount: Number(amount) }));
}

async function cdrBillsec(leg: string): Promise<number | undefined> {
  const rows = await psqlRows(`SELECT billsec FROM leg_cdrs WHERE leg_uuid = :'leg'::uuid`, { leg });
  return rows[0]?.[0] === undefined ? undefined : Number(rows[0][0]);
}

async function correctionsCounted(metrics: Metrics, verdict: string): Promise<number> {
  const metric = metrics.registry.getSingleMetric(CDR_CORRECTIONS);
  if (metric === undefined) return 0;
  const { values } = await metric.get();
  return values.filter((v) => v.labels.verdict === verdict).reduce((sum, v) => sum + v.value, 0);
}

describe('e2e: FreeSWITCH CDRs correct the charge of a leg whose hangup the listener missed', function () {
  this.timeout(120_000);
  let stack: Stack;
  let config: Config;
  let run: RunProcess;
  const runMetrics = createMetrics({ defaultMetrics: false });
  const runLogs: Record<string, unknown>[] = [];
  const listenerLogs: Record<string, unknown>[] = [];
  const listenerLog = createLogger({ role: 'listener', level: 'info', destination: captureLines(listenerLogs) });

  before(async () => {
    stack = await startStack({
      clockRate: 1,
      worker: false,
      farEnds: { [TARGETS.anna.slice(1)]: { kind: 'answer', afterMs: 300, hangupAfterMs: TALK_MS } },
      editConfig: (input) => {
        const platform = input.tariffs.find((t) => t.id === 'platform-eur');
        if (platform === undefined) throw new Error('the e2e config has no platform-eur tariff');
        platform.increment = '1/1';
        platform.rates = [{ prefix: '48', perMinute: 60 }];
      },
    });
    // The worker side of `callfwd run` (worker, records drain, CDR endpoint, leg reconcile) with
    // PostgreSQL; the stack's in-process listener is the one the scenarios stop and cut.
    const parsed = parseConfig(
      { ...stack.configInput, postgres: { url: databaseUrl(), keepInRedisSeconds: 600, xmlCdr: { port: 9470, credentialsEnv: 'CALLFWD_E2E_CDR_CREDENTIALS' } } },
      { env: { ...E2E_ENV, CALLFWD_E2E_CDR_CREDENTIALS: CDR_CREDENTIALS } },
    );
    if (!parsed.ok) throw new Error(`config invalid: ${parsed.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
    config = parsed.config;
    run = createRunProcess({
      config,
      role: 'worker',
      log: createLogger({ role: 'worker', level: 'info', destination: captureLines(runLogs) }),
      metrics: runMetrics,
      httpPort: 0,
      cdrPort: 0,
      // The reconcile looks at CDRs 3 s old, every 250 ms: the event-based charge (drained every
      // 100 ms) is in PostgreSQL by then, so the reconcile compares the two.
      recordsTimings: { drainIntervalMs: 100, legReconcileIntervalMs: 250, legGraceMs: 3_000, migrateRetryMs: 500 },
    });
    const bound = await run.start();
    if (bound.cdrPort === null) throw new Error('the CDR endpoint did not start');
    await run.waitUntilReady(AbortSignal.timeout(20_000));
    await waitFor('postgres migrated', () => run.records?.migrated() === true, 20_000);
    for (const id of ['fs1', 'fs2']) {
      stack.node(id).setXmlCdr({ url: `http://127.0.0.1:${String(bound.cdrPort)}/cdr`, credentials: CDR_CREDENTIALS, retries: 5, delaySeconds: 1 });
    }
  });
  after(async () => {
    await run?.drain();
    await stack?.stop();
  });

  const placeCall = (caller: string) =>
    stack.placeCall({ connection: 'pbx-b', dialled: '48221120001', callerNumber: caller, callerName: 'CDR', disposition: 'NO_ANSWER' });

  /** The forward leg of the call, once FreeSWITCH bridged it to the caller. */
  const bridgedLeg = async (call: string): Promise<string> =>
    waitFor(
      `the leg of ${call} bridged`,
      () => {
        const leg = stack.node().channels().find((c) => c.variables.callfwd_parent === call && c.variables.callfwd_leg === c.uuid);
        return leg?.bridgedWith === undefined ? undefined : leg.uuid;
      },
      10_000,
    );

  /** FreeSWITCH's CDR of the leg was accepted (HTTP 200). */
  const cdrAccepted = (leg: string) =>
    waitFor(`the CDR of ${leg} accepted`, () => stack.node().cdrPosts().some((p) => p.uuid === leg && p.status === 200), 15_000);

  const answeredLegOf = (record: CallRecord): string => {
    const answered = record.attempts.filter((a) => a.outcome === 'answered');
    expect(answered, 'one answered leg').to.have.length(1);
    return (answered[0] as { legUuid: string }).legUuid;
  };

  /** The leg's journal once the reconcile corrected it: its charge and its adjustment. */
  const corrected = (leg: string) =>
    waitFor(`the adjustment of ${leg}`, async () => {
      const rows = await journalOfLeg(leg);
      return rows.some((r) => r.kind === 'adjustment') ? rows : undefined;
    }, 20_000);

  it('(a) the listener is stopped while the leg hangs up: billed to its restart by the events, corrected to the CDR billsec', async () => {
    const adjustedBefore = await correctionsCounted(runMetrics, 'adjusted');
    const liveBefore = (await stack.ledger.getBalance('platform')).balance;
    const call = placeCall('48501000101');
    const leg = await bridgedLeg(call);
    const answeredAt = Date.now();
    // No listener while the leg talks and hangs up: no CHANNEL_HANGUP_COMPLETE reaches callfwd.
    const [first] = stack.listeners.splice(0, stack.listeners.length);
    await first?.drain(2_000);
    await cdrAccepted(leg);
    expect(stack.node().channels().some((c) => c.uuid === leg), 'the leg hung up').to.equal(false);
    // A new listener 8 s after the answer: its resync ends the leg HANGUP_NOT_SEEN, billed from the
    // answer to its start (the last moment events are known to have flowed): 5 s too long.
    await sleep(Math.max(0, answeredAt + 8_000 - Date.now()));
    const second = createListener({ config: stack.config, log: listenerLog, metrics: stack.metrics });
    second.start();
    stack.listeners.push(second);

    const record = await stack.waitForRecord(call, 20_000);
    expect(answeredLegOf(record)).to.equal(leg);
    const billsec = await waitFor('the CDR in PostgreSQL', () => cdrBillsec(leg), 10_000);
    expect(billsec, 'the CDR says what the far end talked').to.equal(TALK_MS / 1000);
    expect(record.billedSeconds, 'the events billed past the hangup').to.be.at.least(billsec + 4);

    const journal = await corrected(leg);
    const charge = journal.find((r) => r.kind === 'charge');
    const adjustment = journal.find((r) => r.kind === 'adjustment');
    expect(charge?.id).to.equal(leg);
    expect(charge?.amount, 'the event-based charge').to.equal(-record.cost);
    expect(adjustment?.id).to.equal(`adj:${leg}`);
    // Charged from the CDR's billsec, not more: 1 a second.
    expect(journal.reduce((sum, r) => sum + r.amount, 0)).to.equal(-billsec);
    expect(adjustment?.amount).to.equal(record.cost - billsec);
    // The live balance moved with the record: the refund reached Redis too (once).
    await waitFor('the live balance corrected', async () => ((await stack.ledger.getBalance('platform')).balance === liveBefore - billsec ? true : undefined), 5_000);
    await waitFor('the correction counted', async () => (await correctionsCounted(runMetrics, 'adjusted')) >= adjustedBefore + 1, 5_000);
    // Written once: later reconcile runs add nothing.
    await sleep(1_000);
    expect(await journalOfLeg(leg)).to.deep.equal(journal);
    expect(await correctionsCounted(runMetrics, 'adjusted')).to.equal(adjustedBefore + 1);
  });

  it('(b) the event socket is cut while the leg hangs up: the short event-based charge is corrected, and counted', async () => {
    const adjustedBefore = await correctionsCounted(runMetrics, 'adjusted');
    const liveBefore = (await stack.ledger.getBalance('platform')).balance;
    const call = placeCall('48501000102');
    const leg = await bridgedLeg(call);
    const answeredAt = Date.now();
    // The node's event socket goes away 1 s into the call and comes back after the leg hung up;
    // the listener's resync ends the leg as of the cut (a lower bound): billed about 1 s for 3.
    await sleep(Math.max(0, answeredAt + 1_000 - Date.now()));
    await stack.node().pause();
    await cdrAccepted(leg);
    await sleep(500);
    await stack.node().resume();

    const record = await stack.waitForRecord(call, 30_000);
    expect(answeredLegOf(record)).to.equal(leg);
    const billsec = await waitFor('the CDR in PostgreSQL', () => cdrBillsec(leg), 10_000);
    expect(billsec).to.equal(TALK_MS / 1000);
    expect(record.billedSeconds, 'the events billed less than the talk').to.be.below(billsec);

    const journal = await corrected(leg);
    const charge = journal.find((r) => r.kind === 'charge');
    const adjustment = journal.find((r) => r.kind === 'adjustment');
    expect(charge?.amount, 'the event-based charge').to.equal(-record.cost);
    expect(adjustment?.amount, 'the adjustment charges what the events missed').to.equal(record.cost - billsec);
    expect(journal.reduce((sum, r) => sum + r.amount, 0)).to.equal(-billsec);
    await waitFor('the live balance charged what the events missed', async () => ((await stack.ledger.getBalance('platform')).balance === liveBefore - billsec ? true : undefined), 5_000);
    await waitFor('the correction counted', async () => (await correctionsCounted(runMetrics, 'adjusted')) === adjustedBefore + 1, 5_000);
    expect([...stack.logs, ...listenerLogs].some((l) => l.msg === 'bridged legs ended while disconnected: ending them'), 'the resync ended the leg').to.equal(true);
  });
});
