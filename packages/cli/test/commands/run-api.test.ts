import { expect } from 'chai';
import { startRunChild, type RunChild } from '../../src/demo/run-child.js';
import { CLI_NODE_ARGS } from '../support/cli.js';
import { logSink, startDemoStack, waitFor, type DemoStack } from '../support/demo-stack.js';

const WRITE = 'w-Secret-5b7e9d-0a1b2c';
const READ = 'r-Secret-0c4a1f-3d4e5f';

describe('callfwd run --api-port: the API and console, and employees changed at run time', function () {
  this.timeout(60_000);
  let stack: DemoStack;
  let run: RunChild;
  let api: string;
  const logs = logSink();
  const headers = (secret: string) => ({ authorization: `Bearer ${secret}`, 'content-type': 'application/json' });

  before(async () => {
    stack = await startDemoStack({ clockRate: 20, farEnds: { '48601000009': { kind: 'answer', afterMs: 1_000, hangupAfterMs: 20_000 } } });
    run = startRunChild({
      args: [...CLI_NODE_ARGS, 'run', '--config', stack.configFile, '--role', 'all', '--http-port', '0', '--api-port', '0'],
      env: { ...stack.env, CALLFWD_API_TOKENS: `ops:write:${WRITE},viewer:read:${READ}` },
      logTo: logs.stream,
      name: 'run',
    });
    const ready = await run.ready(30_000).catch((err: unknown) => {
      throw new Error(`${String(err)}: ${logs.text().slice(-2000)} ${run.lines.map((l) => JSON.stringify(l)).join('\n').slice(-2000)}`);
    });
    expect(ready.apiPort, 'the ready line names the API port').to.be.a('number');
    api = `http://127.0.0.1:${String(ready.apiPort)}`;
  });
  after(async () => {
    await run?.stop(15_000);
    await stack?.stop();
  });

  it('serves the console and the OpenAPI document; /v1 needs a token', async () => {
    const page = await fetch(`${api}/`);
    expect(page.status).to.equal(200);
    expect(await page.text()).to.match(/<html/i);
    const doc = (await (await fetch(`${api}/openapi.json`)).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).to.match(/^3\./);
    expect(Object.keys(doc.paths)).to.include('/v1/employees/{id}');
    expect((await fetch(`${api}/v1/employees`)).status).to.equal(401);
  });

  it('lists the employees the config file seeded; a read token may not change them', async () => {
    const list = (await (await fetch(`${api}/v1/employees`, { headers: headers(READ) })).json()) as { employees?: Array<{ id: string }> } | Array<{ id: string }>;
    const ids = (Array.isArray(list) ? list : (list.employees ?? [])).map((e) => e.id);
    expect(ids).to.include.members(['anna', 'bob']);
    const refused = await fetch(`${api}/v1/employees/anna`, { method: 'DELETE', headers: headers(READ) });
    expect(refused.status).to.equal(403);
  });

  it('a new target set through the API is rung by the next forward, without a restart', async () => {
    const current = (await (await fetch(`${api}/v1/employees/anna`, { headers: headers(READ) })).json()) as Record<string, unknown>;
    const employee = (current.employee ?? current) as Record<string, unknown>;
    const changed = await fetch(`${api}/v1/employees/anna`, { method: 'PUT', headers: headers(WRITE), body: JSON.stringify({ ...employee, target: '+48601000009' }) });
    expect(changed.status, await changed.clone().text()).to.equal(200);
    // The worker's cache looks at the version at most every 500 ms.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const call = stack.sim.node('fs1').placeCall({ connection: 'pbx-b', dialled: '48221120001', callerNumber: '48227000001', callerName: 'Api', disposition: 'NO_ANSWER' });
    const record = await stack.waitForRecord(call.uuid);
    expect(record).to.deep.include({ outcome: 'answered', target: '+48601000009' });
    const history = await waitFor('the change in the history', async () => {
      const res: unknown = await (await fetch(`${api}/v1/history`, { headers: headers(READ) })).json();
      return JSON.stringify(res).includes('+48601000009') ? JSON.stringify(res) : undefined;
    });
    expect(history).to.include('ops');
  });
});
