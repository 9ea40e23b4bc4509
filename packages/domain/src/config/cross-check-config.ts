import { checkEmployeeFields } from './check-employee-fields.js';
import type { ConfigProblem } from './config-problem.js';
import { EmployeeSchema } from './employee-schema.js';
import { isRecord, looseItems, looseString, looseStrings } from './loose-read.js';

const LISTS = ['nodes', 'tariffs', 'accounts', 'fallbacks', 'lines', 'employees'] as const;

/** The id of every item of a list, the first occurrence wins. */
function idsOf(raw: unknown, list: string): Map<string, Readonly<Record<string, unknown>>> {
  const ids = new Map<string, Readonly<Record<string, unknown>>>();
  for (const { item } of looseItems(raw, list)) {
    const id = looseString(item, 'id');
    if (id !== undefined && !ids.has(id)) ids.set(id, item);
  }
  return ids;
}

function duplicateIds(raw: unknown): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const list of LISTS) {
    const seen = new Map<string, number>();
    for (const { index, item } of looseItems(raw, list)) {
      const id = looseString(item, 'id');
      if (id === undefined) continue;
      const first = seen.get(id);
      if (first === undefined) seen.set(id, index);
      else
        problems.push({
          path: `${list}[${index}].id`,
          message: `duplicate id "${id}" (also ${list}[${first}])`,
        });
    }
  }
  return problems;
}

function unknownReference(
  path: string,
  value: string | undefined,
  known: ReadonlyMap<string, unknown>,
  what: string,
): ConfigProblem[] {
  if (value === undefined || known.has(value)) return [];
  return [{ path, message: `unknown ${what} "${value}"` }];
}

/** Numbers that appear twice (compared by digits, with or without "+"). */
function duplicateNumbers(entries: Array<{ path: string; value: string }>, what: string): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const seen = new Map<string, string>();
  for (const { path, value } of entries) {
    const key = value.replace(/^\+/, '');
    const first = seen.get(key);
    if (first === undefined) seen.set(key, path);
    else problems.push({ path, message: `duplicate ${what} ${value} (also ${first})` });
  }
  return problems;
}

function checkLines(
  raw: unknown,
  lines: ReadonlyMap<string, unknown>,
  accounts: ReadonlyMap<string, unknown>,
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const items = looseItems(raw, 'lines');
  const mains = items.filter(({ item }) => looseString(item, 'kind') === 'main');
  if (mains.length !== 1 && isRecord(raw) && Array.isArray(raw.lines)) {
    problems.push({
      path: 'lines',
      message: `needs exactly one line of kind main (the default forward-via), found ${mains.length}`,
    });
  }
  for (const { index, item } of items) {
    const at = `lines[${index}]`;
    const id = looseString(item, 'id');
    const kind = looseString(item, 'kind');
    const via = looseString(item, 'forwardVia');
    problems.push(...unknownReference(`${at}.account`, looseString(item, 'account'), accounts, 'account'));
    if (via !== undefined) {
      if (kind !== undefined && kind !== 'pbx') {
        problems.push({
          path: `${at}.forwardVia`,
          message: `forwardVia is for PBX connections only; a ${kind} line forwards through itself`,
        });
      } else if (via === id) {
        problems.push({ path: `${at}.forwardVia`, message: 'a PBX connection cannot forward via itself' });
      } else {
        problems.push(...unknownReference(`${at}.forwardVia`, via, lines, 'line'));
      }
    }
    for (const { index: i, value } of looseStrings(item, 'failover')) {
      problems.push(...unknownReference(`${at}.failover[${i}]`, value, lines, 'line'));
    }
  }
  const numbers = items.flatMap(({ index, item }) => {
    const value = looseString(item, 'number');
    return value === undefined ? [] : [{ path: `lines[${index}].number`, value }];
  });
  problems.push(...duplicateNumbers(numbers, 'line number'));
  return problems;
}

/**
 * Checks across the config that a schema cannot: references between lists, unique ids and
 * numbers, the one main line, forward-via rules, currencies, each employee's follow-me, working
 * hours and triggers (`checkEmployeeFields`). Runs on the raw object so it reports even when other
 * parts fail the schema.
 */
export function crossCheckConfig(raw: unknown): ConfigProblem[] {
  const tariffs = idsOf(raw, 'tariffs');
  const accounts = idsOf(raw, 'accounts');
  const fallbacks = idsOf(raw, 'fallbacks');
  const lines = idsOf(raw, 'lines');
  const problems: ConfigProblem[] = [...duplicateIds(raw)];

  for (const { index, item } of looseItems(raw, 'tariffs')) {
    const seen = new Set<string>();
    for (const { index: r, item: rate } of looseItems(item, 'rates')) {
      const prefix = looseString(rate, 'prefix');
      if (prefix === undefined) continue;
      if (seen.has(prefix)) {
        problems.push({
          path: `tariffs[${index}].rates[${r}].prefix`,
          message: `duplicate prefix "${prefix}"`,
        });
      }
      seen.add(prefix);
    }
  }

  for (const { index, item } of looseItems(raw, 'accounts')) {
    const tariffId = looseString(item, 'tariff');
    problems.push(...unknownReference(`accounts[${index}].tariff`, tariffId, tariffs, 'tariff'));
    problems.push(
      ...unknownReference(
        `accounts[${index}].fallback`,
        looseString(item, 'fallback'),
        fallbacks,
        'fallback',
      ),
    );
    const currency = looseString(item, 'currency');
    const tariffCurrency =
      tariffId === undefined ? undefined : looseString(tariffs.get(tariffId), 'currency');
    if (currency !== undefined && tariffCurrency !== undefined && currency !== tariffCurrency) {
      problems.push({
        path: `accounts[${index}].currency`,
        message: `account currency ${currency} differs from its tariff "${tariffId}" in ${tariffCurrency}`,
      });
    }
  }

  problems.push(...checkLines(raw, lines, accounts));

  for (const { index, item } of looseItems(raw, 'employees')) {
    problems.push(
      ...unknownReference(
        `employees[${index}].connection`,
        looseString(item, 'connection'),
        lines,
        'connection (line)',
      ),
    );
  }
  for (const { index, item } of looseItems(raw, 'employees')) {
    // Fields across one employee, once its own schema holds (its schema errors are reported already).
    const employee = EmployeeSchema.safeParse(item);
    if (!employee.success) continue;
    for (const problem of checkEmployeeFields(employee.data)) {
      problems.push({ path: `employees[${index}].${problem.path}`, message: problem.message });
    }
  }
  const extensions = looseItems(raw, 'employees').flatMap(({ index, item }) =>
    looseStrings(item, 'extensions').map(({ index: e, value }) => ({
      path: `employees[${index}].extensions[${e}]`,
      value,
    })),
  );
  problems.push(...duplicateNumbers(extensions, 'extension'));
  return problems;
}
