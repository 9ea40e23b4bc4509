import { countryOfNumber, type Country } from '../limits/calling-codes.js';
import type { Account } from './account-schema.js';
import type { ConfigProblem } from './config-problem.js';
import type { Line } from './line-schema.js';

export interface AccountCountries {
  accounts: Account[];
  problems: ConfigProblem[];
}

/**
 * Every account with its home country (rule 11: what "international" is relative to): the one it
 * names, else the country of the numbers of the lines it pays for. An account whose lines are in
 * several countries, or under a calling code several countries share (+1), must name it.
 */
export function withAccountCountries(accounts: readonly Account[], lines: readonly Line[]): AccountCountries {
  const problems: ConfigProblem[] = [];
  const resolved = accounts.map((account, index) => {
    if (account.country !== undefined) return account;
    const paid = lines.filter((line) => line.account === account.id);
    if (paid.length === 0) return account;
    const countries = new Set<Country | undefined>(paid.map((line) => countryOfNumber(line.number)));
    const [only] = [...countries];
    if (countries.size === 1 && only !== undefined) return { ...account, country: only };
    problems.push({
      path: `accounts[${index}].country`,
      message:
        `needed: the lines this account pays for (${paid.map((l) => `${l.id} ${l.number}`).join(', ')}) ` +
        'are not all in one country the calling-code table knows; name the home country (e.g. PL)',
    });
    return account;
  });
  return { accounts: resolved, problems };
}
