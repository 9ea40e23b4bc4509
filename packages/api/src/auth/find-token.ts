import { createHash, timingSafeEqual } from 'node:crypto';
import type { ApiToken } from './api-token.js';

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** The secret an Authorization header carries: `Bearer <secret>`, or Basic with the secret as password (mod_xml_curl). */
export function secretOf(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const bearer = /^Bearer\s+(\S+)$/i.exec(header);
  if (bearer) return bearer[1];
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header);
  if (!basic) return undefined;
  const decoded = Buffer.from(basic[1] ?? '', 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon === -1 ? undefined : decoded.slice(colon + 1);
}

/** The token whose secret the header carries, compared in constant time against every token. */
export function findToken(tokens: readonly ApiToken[], header: string | undefined): ApiToken | undefined {
  const secret = secretOf(header);
  if (secret === undefined) return undefined;
  const given = digest(secret);
  let found: ApiToken | undefined;
  for (const token of tokens) if (timingSafeEqual(digest(token.secret), given)) found ??= token;
  return found;
}
