// The web console in real headless Chromium against a running `callfwd run --role all --api-port 0`
// with the simulated cluster: each page loads with the calls the run forwarded, a forward-via
// changed in the console shows the new effective line and the next call leaves through it, the
// statement filters. Screenshots go to packages/cli/test-output/screenshots/ (git-ignored).
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect } from 'chai';
import { startRunChild, type RunChild } from '../../src/demo/run-child.js';
import { CLI_NODE_ARGS } from '../support/cli.js';
import { logSink, startDemoStack, type DemoStack } from '../support/demo-stack.js';

// playwright-core is a dev dependency of @callfwd/api: resolve it from there (the few calls used are typed here).
interface Locator {
  textContent(): Promise<string | null>;
  selectOption(value: string): Promise<unknown>;
  click(): Promise<void>;
  count(): Promise<number>;
  allTextContents(): Promise<string[]>;
  locator(selector: string): Locator;
}
interface Page {
  goto(url: string): Promise<unknown>;
  fill(selector: string, value: string): Promise<void>;
  click(selector: string): Promise<void>;
  selectOption(selector: string, value: string): Promise<unknown>;
  waitForSelector(selector: string): Promise<unknown>;
  waitForFunction(expression: string): Promise<unknown>;
  locator(selector: string): Locator;
  screenshot(options: { path: string; fullPage: boolean }): Promise<unknown>;
  on(event: 'pageerror', listener: (err: Error) => void): void;
}
interface Browser {
  newPage(options: { viewport: { width: number; height: number } }): Promise<Page>;
  close(): Promise<void>;
}
interface Playwright {
  chromium: {
    launch(options: { executablePath: string; headless: boolean; args: string[] }): Promise<Browser>;
  };
}

async function launchChromium(): Promise<Browser> {
  const fromApi = createRequire(fileURLToPath(new URL('../../../api/package.json', import.meta.url)));
  const loaded = (await import(pathToFileURL(fromApi.resolve('playwright-core')).href)) as Playwright & {
    default?: Playwright;
  };
  const playwright = loaded.default ?? loaded;
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  return playwright.chromium.launch({ executablePath, headless: true, args: ['--no-sandbox'] });
}

const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-output', 'screenshots');
const WRITE = 'w-Console-7c1d2e-9f8a7b';

describe('the console in headless Chromium against callfwd run --role all --api-port 0 (simulator)', function () {
  this.timeout(90_000);
  let stack: DemoStack;
  let run: RunChild;
  let base: string;
  let browser: Browser;
  let page: Page;
  const logs = logSink();
  const pageErrors: string[] = [];
  let loads = 0;

  before(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    stack = await startDemoStack({
      clockRate: 20,
      farEnds: {
        '48601000001': { kind: 'answer', afterMs: 500, hangupAfterMs: 2_000 },
        '48601000002': { kind: 'busy' },
      },
    });
    run = startRunChild({
      args: [
        ...CLI_NODE_ARGS,
        'run',
        '--config',
        stack.configFile,
        '--role',
        'all',
        '--http-port',
        '0',
        '--api-port',
        '0',
      ],
      env: { ...stack.env, CALLFWD_API_TOKENS: `ops:write:${WRITE}` },
      logTo: logs.stream,
      name: 'run',
    });
    const ready = await run.ready(45_000).catch((err: unknown) => {
      throw new Error(`${String(err)}: ${logs.text().slice(-2000)}`);
    });
    base = `http://127.0.0.1:${String(ready.apiPort)}`;
    // Two forwards for the statement: anna's (answered via the main number) and bob's (busy).
    const fs1 = stack.sim.node('fs1');
    const answered = fs1.placeCall({
      connection: 'pbx-b',
      dialled: '48221120001',
      callerNumber: '48227000001',
      callerName: 'One',
      disposition: 'NO_ANSWER',
    });
    const busy = fs1.placeCall({
      connection: 'pbx-a',
      dialled: '48221110002',
      callerNumber: '48227000002',
      callerName: 'Two',
    });
    expect(await stack.waitForRecord(answered.uuid)).to.deep.include({
      outcome: 'answered',
      viaLine: 'main',
    });
    expect((await stack.waitForRecord(busy.uuid)).outcome).to.equal('busy');

    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await page.goto(`${base}/`);
    await page.fill('#token', WRITE);
    await page.click('#token-form button');
    await page.waitForSelector('body[data-loaded="connections"]');
  });

  after(async () => {
    await browser?.close();
    await run?.stop(15_000);
    await stack?.stop();
  });

  afterEach(() => expect(pageErrors, 'errors in the page').to.deep.equal([]));

  async function open(name: string): Promise<void> {
    loads += 1;
    await page.goto(`${base}/?load=${loads}#${name}`);
    await page.waitForSelector(`body[data-loaded="${name}"]`);
    await page.screenshot({ path: join(SCREENSHOTS, `run-${name}.png`), fullPage: true });
  }

  it('loads every page', async () => {
    for (const name of ['connections', 'employees', 'accounts', 'statement', 'forwards', 'history'])
      await open(name);
    await open('employees');
    expect(await page.locator('tr[data-employee="anna"]').count()).to.equal(1);
  });

  it('a forward-via changed in the console shows the new effective line, and the next call leaves through it', async () => {
    await open('connections');
    const row = page.locator('tr[data-connection="pbx-b"]');
    expect(await row.locator('.effective-line').textContent()).to.equal('main');
    await row.locator('select.forward-via').selectOption('sales');
    await row.locator('button.apply').click();
    await page.waitForFunction(
      `document.querySelector('tr[data-connection="pbx-b"] .effective-line')?.textContent === 'sales'`,
    );
    expect(await page.locator('tr[data-connection="pbx-b"] .reason').textContent()).to.equal(
      'runtime_override',
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'run-connections-changed.png'), fullPage: true });

    const next = stack.sim
      .node('fs1')
      .placeCall({
        connection: 'pbx-b',
        dialled: '48221120001',
        callerNumber: '48227000003',
        callerName: 'Three',
        disposition: 'NO_ANSWER',
      });
    expect(await stack.waitForRecord(next.uuid)).to.deep.include({ outcome: 'answered', viaLine: 'sales' });
  });

  it('the statement lists the forwarded calls and filters them by outcome', async () => {
    await open('statement');
    await page.waitForFunction(`document.querySelectorAll('#statement-results tr[data-call]').length === 3`);
    await page.selectOption('#statement-filters select[name="outcome"]', 'answered');
    await page.click('#statement-filters button[type="submit"]');
    await page.waitForFunction(`document.querySelectorAll('#statement-results tr[data-call]').length === 2`);
    expect(await page.locator('#statement-results td.outcome').allTextContents()).to.deep.equal([
      'answered',
      'answered',
    ]);
    await page.screenshot({ path: join(SCREENSHOTS, 'run-statement-filtered.png'), fullPage: true });
    await open('history');
    const rows = await page.locator('#page-history tbody tr').allTextContents();
    expect(rows.some((r) => r.includes('ops') && r.includes('forward_via') && r.includes('pbx-b'))).to.equal(
      true,
    );
  });
});
