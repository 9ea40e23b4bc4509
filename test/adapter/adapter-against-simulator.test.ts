import { expect } from 'chai';
import { createNodeConnection, BadCommandInput, type ChannelEvent, type NodeConnection } from '@callfwd/freeswitch';
import { createSimNode, type SimNode } from '@callfwd/fs-sim';
import { createLogger } from '@callfwd/telemetry';
import { waitFor } from '../support/wait-for.js';

const PASSWORD = 'adapter-Test-pw1';
const log = createLogger({ role: 'test', level: 'silent' });
const LEG = '5b0f3c1e-1d2a-4c3b-9e8f-0a1b2c3d4e5f';
const JOB = '7c1e2d3f-4a5b-4c6d-8e9f-a0b1c2d3e4f5';

describe('the FreeSWITCH adapter against the simulator', () => {
  let sim: SimNode;
  const conns: NodeConnection[] = [];
  const connect = (opts: { password?: string; events?: ChannelEvent[]; commandTimeoutMs?: number } = {}) => {
    const conn = createNodeConnection({
      node: { id: 'fs1', host: '127.0.0.1', port: sim.port, password: opts.password ?? PASSWORD },
      logger: log,
      reconnect: { initialMs: 50, maxMs: 400 },
      commandTimeoutMs: opts.commandTimeoutMs ?? 2_000,
      onEvent: (e) => opts.events?.push(e),
    });
    conns.push(conn);
    conn.start();
    return conn;
  };

  beforeEach(async () => {
    sim = createSimNode({ id: 'fs1', password: PASSWORD, gateways: { gw: 'up' }, defaultFarEnd: { kind: 'no_answer' } });
    await sim.start();
  });
  afterEach(async () => {
    await Promise.all(conns.splice(0).map((c) => c.stop()));
    await sim.stop();
  });

  it('a wrong password is auth_failed naming the node, and is not retried in a tight loop', async () => {
    const conn = connect({ password: 'wrong-password' });
    const failures: string[] = [];
    conn.on('auth_failed', (err) => failures.push(err.message));
    await waitFor('auth_failed', () => failures.length > 0);
    expect(failures[0]).to.contain('fs1');
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Backoff to the max delay (400 ms): at most one more attempt in 300 ms.
    expect(failures.length).to.be.at.most(2);
    expect(conn.isUp()).to.equal(false);
  });

  it('the node dropping every socket: down, then up again, and commands work', async () => {
    const conn = connect();
    await waitFor('up', () => conn.isUp());
    const downs: string[] = [];
    conn.on('down', (info) => downs.push(info.reason));
    sim.dropConnections();
    await waitFor('down', () => downs.length > 0);
    await waitFor('up again', () => conn.isUp());
    expect(await conn.exists(LEG)).to.equal(false);
    expect(conn.stats().reconnects).to.be.at.least(1);
  });

  it('slow replies time out as errors, and the connection recovers', async () => {
    const conn = connect({ commandTimeoutMs: 200 });
    await waitFor('up', () => conn.isUp());
    sim.setCommandDelay(1_000);
    let error: unknown;
    await conn.exists(LEG).catch((err: unknown) => (error = err));
    expect((error as { code?: string }).code).to.equal('TIMEOUT');
    sim.setCommandDelay(0);
    // A late reply could be taken for the next command's: the adapter drops that socket and reconnects.
    await waitFor('reconnected', () => conn.stats().reconnects >= 1 && conn.isUp());
    expect(await conn.exists(LEG)).to.equal(false);
  });

  it('an originate whose BACKGROUND_JOB does not come in time is a TIMEOUT result', async () => {
    const conn = connect();
    await waitFor('up', () => conn.isUp());
    const result = await conn.originate({ legUuid: LEG, jobUuid: JOB, dialString: 'sofia/gateway/gw/48601000001', variables: { originate_timeout: '30' }, timeoutMs: 300 });
    expect(result).to.deep.equal({ ok: false, cause: 'TIMEOUT' });
    expect(await conn.exists(LEG)).to.equal(true); // still ringing: the caller must kill it
    expect((await conn.kill(LEG, 'ORIGINATOR_CANCEL')).ok).to.equal(true);
  });

  it('hostile values are refused before anything reaches the wire', async () => {
    const conn = connect();
    await waitFor('up', () => conn.isUp());
    const before = sim.commands().length;
    for (const value of ["x'}\nbgapi hupall", 'a\r\nJob-UUID: x', '}{origination_uuid=evil}', 'x'.repeat(10_000), '\u0000']) {
      let err: unknown;
      try {
        await conn.originate({ legUuid: LEG, jobUuid: JOB, dialString: 'sofia/gateway/gw/48601000001', variables: { origination_caller_id_name: value }, timeoutMs: 500 });
      } catch (e) {
        err = e;
      }
      expect(err, JSON.stringify(value.slice(0, 30))).to.be.instanceOf(BadCommandInput);
    }
    for (const dial of ['sofia/gateway/gw/486&hupall()', 'sofia/gateway/gw/1 2']) {
      let err: unknown;
      await conn.originate({ legUuid: LEG, jobUuid: JOB, dialString: dial, variables: {}, timeoutMs: 500 }).catch((e: unknown) => (err = e));
      expect(err).to.be.instanceOf(BadCommandInput);
    }
    expect(sim.commands().length).to.equal(before);
    expect(sim.channels()).to.have.length(0);
  });

  it('decodes a burst of 10,000 events from the node, none lost', async () => {
    const events: ChannelEvent[] = [];
    const conn = connect({ events });
    await waitFor('up', () => conn.isUp());
    sim.placeCall({ connection: 'pbx-a', dialled: '48221110001', callerNumber: '48501234567', callerName: 'Burst' });
    const perCall = await waitFor('the first call decoded', () => (events.length > 0 ? events.length : undefined));
    const calls = Math.ceil(10_000 / perCall);
    for (let i = 1; i < calls; i++) sim.placeCall({ connection: 'pbx-a', dialled: '48221110001', callerNumber: '48501234567', callerName: 'Burst' });
    await waitFor('every event decoded', () => events.length >= calls * perCall, 30_000);
    expect(events.length).to.equal(calls * perCall);
    expect(events.length).to.be.at.least(10_000);
    expect(conn.stats().malformed).to.equal(0);
  });
});
