import { expect } from 'chai';
import { createQueues } from '@callfwd/store';
import { startRunChild, type RunChild } from '../../src/demo/run-child.js';
import { CLI_NODE_ARGS } from '../support/cli.js';
import { logSink, startDemoStack, waitFor, type DemoStack } from '../support/demo-stack.js';

/** `name{labels} value` lines of a Prometheus scrape, summed over the lines that have every label. */
function metricValue(text: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (!Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) continue;
    sum += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return sum;
}

describe('callfwd run --role all (a child process against the simulator)', function () {
  this.timeout(60_000);
  let stack: DemoStack;
  let run: RunChild;
  let base: string;
  let api: string;
  const logs = logSink();

  before(async () => {
    stack = await startDemoStack({ clockRate: 20, farEnds: { '48601000001': { kind: 'answer', afterMs: 2_000, hangupAfterMs: 30_000 } } });
    run = startRunChild({
      args: [...CLI_NODE_ARGS, 'run', '--config', stack.configFile, '--role', 'all', '--http-port', '0', '--api-port', '0'],
      env: stack.env,
      logTo: logs.stream,
      name: 'run',
    });
    const ready = await run.ready(30_000);
    base = `http://127.0.0.1:${String(ready.httpPort)}`;
    api = `http://127.0.0.1:${String(ready.apiPort)}`;
  });
  after(async () => {
    await run?.stop(15_000);
    await stack?.stop();
  });

  it('logs one ready line with the bound port, the role on every line, and never a secret', () => {
    expect(run.lines.filter((l) => l.msg === 'ready')).to.have.length(1);
    expect(run.lines.every((l) => l.role === 'all')).to.equal(true);
    for (const secret of Object.values(stack.secrets)) expect(logs.text()).not.to.include(secret);
  });

  it('forwards a call and counts it in /metrics; /readyz is 200', async () => {
    const call = stack.sim.node('fs1').placeCall({ connection: 'pbx-b', dialled: '48221120001', callerNumber: '48227000001', callerName: 'Test', disposition: 'NO_ANSWER' });
    const record = await stack.waitForRecord(call.uuid);
    expect(record).to.deep.include({ outcome: 'answered', viaLine: 'main', billedSeconds: 60, cost: 15 });

    const text = await (await fetch(`${base}/metrics`)).text();
    expect(metricValue(text, 'callfwd_esl_events_total', { node: 'fs1', event: 'CHANNEL_PARK' })).to.be.at.least(1);
    // One job per event of the forward: the park, the answer, the bridge, both hangups.
    expect(metricValue(text, 'callfwd_jobs_added_total', { queue: 'forward' })).to.be.at.least(4);
    await waitFor('the event jobs completed', async () => metricValue(await (await fetch(`${base}/metrics`)).text(), 'callfwd_jobs_completed_total', { queue: 'forward' }) >= 5);
    expect(metricValue(text, 'callfwd_forward_outcomes_total', { outcome: 'answered' })).to.equal(1);
    expect(metricValue(text, 'callfwd_park_to_originate_seconds_count')).to.equal(1);
    expect(metricValue(text, 'callfwd_redis_connected')).to.equal(1);

    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).to.equal(200);
    expect(await ready.json()).to.deep.equal({
      status: 'ready',
      ready: true,
      checks: { redis: true, 'node:fs1': true, 'node:fs2': true },
      nodes: { up: ['fs1', 'fs2'], down: [] },
    });
  });

  it('changes money and settings through the API with http.token (a write client), the forward-via rule applied; the ops port changes nothing', async () => {
    const token = stack.secrets.CALLFWD_DEMO_HTTP_TOKEN!;
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const noToken = await fetch(`${api}/v1/accounts/platform/topup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ amount: 100, ref: 'r1' }) });
    expect(noToken.status).to.equal(401);
    const onOps = await fetch(`${base}/v1/accounts/platform/topup`, { method: 'POST', headers: auth, body: JSON.stringify({ amount: 100, ref: 'r1' }) });
    expect(onOps.status).to.equal(404);

    const topup = await fetch(`${api}/v1/accounts/platform/topup`, { method: 'POST', headers: auth, body: JSON.stringify({ amount: 100, ref: 'r1' }) });
    expect(topup.status).to.equal(200);
    type Topup = { applied: boolean; account: { balance: number } };
    const first = (await topup.json()) as Topup;
    const again = (await (await fetch(`${api}/v1/accounts/platform/topup`, { method: 'POST', headers: auth, body: JSON.stringify({ amount: 100, ref: 'r1' }) })).json()) as Topup;
    expect(first.applied).to.equal(true);
    expect(again.applied).to.equal(false);
    expect(again.account.balance).to.equal(first.account.balance);
    const badAmount = await fetch(`${api}/v1/accounts/platform/topup`, { method: 'POST', headers: auth, body: JSON.stringify({ amount: 1.5, ref: 'r2' }) });
    expect(badAmount.status).to.equal(400);

    const refused = await fetch(`${api}/v1/connections/sales/forward-via`, { method: 'PUT', headers: auth, body: JSON.stringify({ line: 'main' }) });
    expect(refused.status).to.equal(400);
    expect(((await refused.json()) as { error: string }).error).to.include('not a PBX connection');
    expect(await stack.redis.keys(`${stack.prefix}:*settings*`)).to.deep.equal([]);

    const changed = await fetch(`${api}/v1/connections/pbx-b/forward-via`, { method: 'PUT', headers: auth, body: JSON.stringify({ line: 'office' }) });
    expect(changed.status).to.equal(200);
    const view = (await changed.json()) as { id: string; override: string | null; effective: { line: string; reason: string } | null };
    expect(view).to.deep.include({ id: 'pbx-b', override: 'office' });
    expect(view.effective).to.deep.include({ line: 'office', reason: 'runtime_override' });
  });
});

describe('callfwd run: SIGTERM drains the jobs in flight; the next process carries the forwards on', function () {
  this.timeout(60_000);
  let stack: DemoStack;
  let run: RunChild;
  const logs = logSink();
  const targets = ['48601000001', '48601000002', '48601000003'];

  before(async () => {
    // At clock rate 1 the far ends answer 2 s after they ring: the signal comes while they ring.
    const farEnds = Object.fromEntries(targets.map((t) => [t, { kind: 'answer' as const, afterMs: 2_000, hangupAfterMs: 1_000 }]));
    stack = await startDemoStack({ clockRate: 1, farEnds });
    run = startRunChild({
      args: [...CLI_NODE_ARGS, 'run', '--config', stack.configFile, '--role', 'all', '--http-port', '0'],
      env: stack.env,
      logTo: logs.stream,
      name: 'run',
    });
    await run.ready(30_000);
  });
  after(async () => {
    await run?.stop(15_000);
    await stack?.stop();
  });

  it('exits 0 while the targets still ring; the next process bridges and settles every call', async () => {
    const node = stack.sim.node('fs1');
    const calls = [
      node.placeCall({ connection: 'pbx-b', dialled: '48221120001', callerNumber: '48227000001', callerName: 'A', disposition: 'NO_ANSWER' }),
      node.placeCall({ connection: 'pbx-a', dialled: '48221110002', callerNumber: '48227000002', callerName: 'B' }),
      node.placeCall({ connection: 'sales', dialled: '48225550000', callerNumber: '48227000003', callerName: 'C' }),
    ];
    await waitFor('every target ringing', () => node.originates().length >= calls.length, 15_000);
    run.child.kill('SIGTERM');
    const code = await run.exited;
    expect(code, logs.text()).to.equal(0);
    expect(run.lines.some((l) => l.msg === 'draining')).to.equal(true);

    const queues = createQueues(stack.redis, { prefix: stack.prefix, nodeIds: ['fs1'] });
    try {
      const forward = (await queues.queueCounts()).find((c) => c.queue === 'forward')!;
      // No job was left half-run: none active, none failed.
      expect(forward).to.deep.include({ active: 0, failed: 0 });
    } finally {
      await queues.close();
    }
    // The answers came while no process ran: the next one picks them up (the listener's resync and
    // the jobs queued before the exit) and bridges each call to its one leg.
    const next = startRunChild({
      args: [...CLI_NODE_ARGS, 'run', '--config', stack.configFile, '--role', 'all', '--http-port', '0'],
      env: stack.env,
      logTo: logs.stream,
      name: 'run-2',
    });
    try {
      await next.ready(30_000);
      for (const call of calls) {
        const record = await stack.waitForRecord(call.uuid);
        expect(record.outcome, `${call.uuid}\n${logs.text()}`).to.be.oneOf(['answered', 'failed']);
        expect(node.originates().filter((o) => o.vars.some(([k, v]) => k === 'callfwd_parent' && v === call.uuid))).to.have.length(1);
      }
    } finally {
      await next.stop(15_000);
    }
  });
});
