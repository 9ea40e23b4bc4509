import { formatMoney } from '../output/format-money.js';
import { formatTable } from '../output/format-table.js';
import { formatStatement } from '../output/statement-table.js';
import type { DemoConsole, DemoResult } from './play-demo.js';

/** The demo's result for people: the cases, the detailed statement, balances, recordings. */
export function formatDemoReport(result: DemoResult): string {
  const cases = formatTable(result.calls, [
    { header: 'case', value: (c) => c.case },
    { header: 'what it shows', value: (c) => c.title },
    { header: 'outcome', value: (c) => c.record.outcome },
    { header: 'via', value: (c) => c.record.viaLine },
    { header: 'caller ID', value: (c) => c.record.callerIdPresented },
    { header: 'cost', value: (c) => formatMoney(c.record.cost, c.record.currency), right: true },
  ]);
  const after = new Map(result.balances.after.map((b) => [b.account, b]));
  const balances = formatTable(result.balances.before, [
    { header: 'account', value: (b) => b.account },
    { header: 'before', value: (b) => formatMoney(b.balance, b.currency), right: true },
    { header: 'after', value: (b) => formatMoney(after.get(b.account)?.balance ?? 0, b.currency), right: true },
    { header: 'charged', value: (b) => formatMoney(b.balance - (after.get(b.account)?.balance ?? 0), b.currency), right: true },
  ]);
  const recordings =
    result.recordings.length === 0
      ? 'no recordings'
      : formatTable(result.recordings, [
          { header: 'call', value: (r) => r.callUuid },
          { header: 'account', value: (r) => r.account },
          { header: 'seconds', value: (r) => r.seconds, right: true },
          { header: 'file (on the FreeSWITCH node)', value: (r) => r.file },
        ]);
  return [
    'The calls',
    cases,
    '',
    'The detailed statement',
    formatStatement(result.calls.map((c) => c.record)),
    '',
    'Balances (minor units formatted; "charged" = before - after)',
    balances,
    '',
    'Recordings',
    recordings,
    '',
    ...(result.postgres === undefined
      ? []
      : ['The detailed statement, read back from PostgreSQL (the system of record; newest first)', formatStatement(result.postgres.statement), '']),
    `The listener's and worker's logs: ${result.logFile}`,
  ].join('\n');
}

/** `--serve`: where the console is and how to open it, printed after the report. */
export function formatConsoleNote(consoleAt: DemoConsole): string {
  return [
    '',
    `The console: ${consoleAt.url}`,
    `  paste this token when it asks (a write client of the demo): ${consoleAt.token}`,
    `  the API: curl -s -H "Authorization: Bearer ${consoleAt.token}" ${consoleAt.url}v1/connections`,
    '  the simulated cluster, the listener and the worker keep running; Ctrl-C stops everything.',
  ].join('\n');
}
