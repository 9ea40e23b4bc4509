// The console in real headless Chromium against a listening API: every page loads, a forward-via
// change shows the new effective line, the statement filters, a top-up moves the balance; a
// screenshot of each page goes to test-output/screenshots/.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser.js';
import { startApi, WRITER, type ApiFixture } from '../support/api-harness.js';
import { writeRecords, type RecordSpec } from '../support/records.js';

const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-output', 'screenshots');
const T0 = Date.UTC(2026, 0, 10, 9, 0, 0);
const OUTCOMES = ['answered', 'busy', 'no_answer', 'caller_hung_up'] as const;
const SPECS: RecordSpec[] = Array.from({ length: 12 }, (_, n) => ({
  n,
  startedAt: T0 + n * 90_000,
  account: n % 2 === 0 ? 'provider-a' : 'platform',
  outcome: OUTCOMES[n % 4] ?? 'answered',
  connection: n % 3 === 0 ? 'pbx-b' : 'pbx-a',
  employee: n % 2 === 0 ? 'anna' : 'bartek',
  recorded: n % 4 === 0,
}));

describe('the web console (headless Chromium)', function () {
  this.timeout(60_000);
  let api: ApiFixture & { stop(): Promise<void> };
  let base: string;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  let loads = 0;

  before(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    api = await startApi({ api: { recordingsBaseUrl: 'http://127.0.0.1:9/recordings' } });
    await writeRecords(api.redis, api.prefix, SPECS);
    base = await api.app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await page.goto(`${base}/`);
    await page.fill('#token', WRITER.secret);
    await page.click('#token-form button');
    await page.waitForSelector('body[data-loaded="connections"]');
  });

  after(async () => {
    await browser?.close();
    await api?.stop();
  });

  afterEach(() => {
    expect(pageErrors, 'errors in the page').to.deep.equal([]);
  });

  async function open(name: string): Promise<void> {
    // A query string makes it a new load even when the hash is the one already shown.
    loads += 1;
    await page.goto(`${base}/?load=${loads}#${name}`);
    await page.waitForSelector(`body[data-loaded="${name}"]`);
  }

  async function shoot(name: string): Promise<void> {
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  }

  it('connections: shows the effective forward-via and why; a change shows the new line at once', async () => {
    await open('connections');
    const row = page.locator('tr[data-connection="pbx-b"]');
    expect(await row.locator('.effective-line').textContent()).to.equal('main');
    expect(await row.locator('.explanation').textContent()).to.match(/no forward-via set/);
    await row.locator('select.forward-via').selectOption('sales');
    await row.locator('button.apply').click();
    await page.waitForFunction(
      `document.querySelector('tr[data-connection="pbx-b"] .effective-line')?.textContent === 'sales'`,
    );
    expect(await page.locator('tr[data-connection="pbx-b"] .reason').textContent()).to.equal(
      'runtime_override',
    );
    expect(await page.locator('#status').textContent()).to.match(/pbx-b now forwards via sales/);
    await shoot('connections');
  });

  it('connections: a change the rule refuses leaves the effective line as it was', async () => {
    const row = page.locator('tr[data-connection="pbx-a"]');
    const before = await row.locator('.effective-line').textContent();
    // pbx-a may not forward via itself; the console leaves it out of its own list, so ask the API as the console would.
    const status = await page.evaluate(
      `fetch('/v1/connections/pbx-a/forward-via', { method: 'PUT', headers: { authorization: 'Bearer ${WRITER.secret}', 'content-type': 'application/json' }, body: JSON.stringify({ line: 'pbx-a' }) }).then((r) => r.status)`,
    );
    expect(status).to.equal(400);
    await open('connections');
    expect(await page.locator('tr[data-connection="pbx-a"] .effective-line').textContent()).to.equal(before);
  });

  it('connections: a line added at run time is listed with its connection and effective line', async () => {
    const line = { id: 'pbx-c', kind: 'pbx', number: '+48221130000', dial: 'sofia/gateway/pbx-c/{number}', account: 'provider-b' };
    const status = await page.evaluate(
      `fetch('/v1/lines/pbx-c', { method: 'PUT', headers: { authorization: 'Bearer ${WRITER.secret}', 'content-type': 'application/json' }, body: ${JSON.stringify(JSON.stringify(line))} }).then((r) => r.status)`,
    );
    expect(status).to.equal(201);
    await open('connections');
    expect(await page.locator('tr[data-line="pbx-c"] td').nth(3).textContent()).to.equal('sofia/gateway/pbx-c/{number}');
    expect(await page.locator('tr[data-connection="pbx-c"] .effective-line').textContent()).to.equal('main');
    await shoot('connections-lines');
  });

  it('employees: lists the live set and saves a new employee from the form', async () => {
    await open('employees');
    expect(await page.locator('tr[data-employee]').count()).to.equal(3);
    await page.fill('#employee-form input[name="id"]', 'dora');
    await page.selectOption('#employee-form select[name="connection"]', 'pbx-a');
    await page.fill('#employee-form input[name="extensions"]', '+48221110004');
    await page.fill('#employee-form input[name="target"]', '+48604000004');
    await page.check('#employee-form input[value="busy"]');
    await page.click('#employee-form button[type="submit"]');
    await page.waitForSelector('tr[data-employee="dora"]');
    await shoot('employees');
  });

  it('employees: a refusal names the field', async () => {
    await page.fill('#employee-form input[name="id"]', 'eve');
    await page.fill('#employee-form input[name="extensions"]', '+48221110004');
    await page.fill('#employee-form input[name="target"]', '+48605000005');
    await page.check('#employee-form input[value="busy"]');
    await page.click('#employee-form button[type="submit"]');
    await page.waitForSelector('#status.error');
    expect(await page.locator('#status').textContent()).to.match(
      /already reaches employee dora.*field extensions\[0\]/,
    );
    expect(await page.locator('#employee-form input[name="extensions"].field-error').count()).to.equal(1);
  });

  it('accounts: balances with holds; a top-up moves the balance', async () => {
    await open('accounts');
    const row = page.locator('tr[data-account="platform"]');
    expect(await row.locator('.balance').textContent()).to.equal('50.00 EUR');
    await row.locator('input[name="amount"]').fill('1250');
    await row.locator('input[name="ref"]').fill('inv-42');
    await row.locator('button').click();
    await page.waitForFunction(
      `document.querySelector('tr[data-account="platform"] .balance')?.textContent === '62.50 EUR'`,
    );
    expect(await page.locator('tr[data-account="platform"] .holds').textContent()).to.equal('0 (0.00 EUR)');
    await shoot('accounts');
  });

  it('statement: every call newest first, filtered by outcome and connection, a player per recorded call', async () => {
    await open('statement');
    expect(await page.locator('#statement-results tr[data-call]').count()).to.equal(SPECS.length);
    expect(await page.locator('#statement-results audio').count()).to.equal(
      SPECS.filter((s) => s.recorded).length,
    );
    await page.selectOption('#statement-filters select[name="outcome"]', 'answered');
    await page.selectOption('#statement-filters select[name="connection"]', 'pbx-a');
    await page.click('#statement-filters button[type="submit"]');
    const wanted = SPECS.filter((s) => s.outcome === 'answered' && s.connection === 'pbx-a').length;
    expect(wanted).to.be.greaterThan(0);
    await page.waitForFunction(
      `document.querySelectorAll('#statement-results tr[data-call]').length === ${wanted}`,
    );
    const outcomes = await page.locator('#statement-results td.outcome').allTextContents();
    expect(outcomes).to.deep.equal(Array.from({ length: wanted }, () => 'answered'));
    await shoot('statement');
  });

  it('forwards in flight and the change history load', async () => {
    await open('forwards');
    expect(await page.locator('#page-forwards .empty').textContent()).to.match(/No forwards in flight/);
    await shoot('forwards');
    await open('history');
    const rows = await page.locator('#page-history tbody tr').allTextContents();
    expect(
      rows.some((r) => r.includes(WRITER.name) && r.includes('forward_via') && r.includes('pbx-b')),
    ).to.equal(true);
    expect(rows.some((r) => r.includes('employee') && r.includes('dora'))).to.equal(true);
    await shoot('history');
  });
});
