import { formatIssuePath } from '@callfwd/domain';
import { ApiTokenSchema, type ApiToken } from './api-token.js';

export type ParseApiTokensResult = { ok: true; tokens: ApiToken[] } | { ok: false; problems: string[] };

/**
 * The API's clients from one environment variable: `name:scope:secret` entries separated by
 * commas (`CALLFWD_API_TOKENS='ops:write:...,grafana:read:...'`). Every problem is listed, by
 * entry number and name, never with the secret; names and secrets must be unique.
 */
export function parseApiTokens(
  text: string | undefined,
  variable = 'CALLFWD_API_TOKENS',
): ParseApiTokensResult {
  if (text === undefined || text.trim() === '') return { ok: true, tokens: [] };
  const problems: string[] = [];
  const tokens: ApiToken[] = [];
  const entries = text.split(',').map((entry) => entry.trim());
  entries.forEach((entry, index) => {
    const at = `${variable} entry ${index + 1}`;
    const first = entry.indexOf(':');
    const second = first === -1 ? -1 : entry.indexOf(':', first + 1);
    if (first === -1 || second === -1) {
      problems.push(`${at}: must be name:scope:secret`);
      return;
    }
    const candidate = {
      name: entry.slice(0, first),
      scope: entry.slice(first + 1, second),
      secret: entry.slice(second + 1),
    };
    const parsed = ApiTokenSchema.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push(
          `${at} (${candidate.name || 'no name'}): ${formatIssuePath(issue.path)} ${issue.message}`,
        );
      return;
    }
    if (tokens.some((t) => t.name === parsed.data.name))
      problems.push(`${at}: duplicate name "${parsed.data.name}"`);
    else if (tokens.some((t) => t.secret === parsed.data.secret))
      problems.push(`${at} (${parsed.data.name}): the same secret as another token`);
    else tokens.push(parsed.data);
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, tokens };
}
