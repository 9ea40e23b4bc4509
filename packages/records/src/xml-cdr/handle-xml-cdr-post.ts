// The mod_xml_cdr endpoint, framework-neutral: a POST body and its headers in, a status and a body
// out. FreeSWITCH holds the leg's CHANNEL_HANGUP_COMPLETE until its POST is answered and retries a
// non-200 `delay` seconds later (then keeps it in err-log-dir), so: 200 as soon as the CDR is in
// PostgreSQL (a repeat too: idempotent by leg uuid), 500 when PostgreSQL cannot take it (it is
// retried), 401 without the right credentials, 400 for a body that is not a leg's CDR.
import { timingSafeEqual } from 'node:crypto';
import type { LegCdr } from '../schemas/leg-cdr.js';
import { parseXmlCdr } from './parse-xml-cdr.js';

export type XmlCdrHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

export interface XmlCdrReply {
  status: 200 | 400 | 401 | 500;
  body: string;
}

export interface XmlCdrHandlerOptions {
  db: { recordLegCdr(cdr: LegCdr): Promise<{ inserted: boolean }> };
  /** `user:password`, the `cred` of xml_cdr.conf.xml (HTTP basic auth). */
  credentials: string;
  log?: { warn(obj: object, msg: string): void };
  /** Told of each CDR taken (a metric): whether it was new. */
  onStored?: (inserted: boolean) => void;
}

export type XmlCdrHandler = (body: string, headers: XmlCdrHeaders) => Promise<XmlCdrReply>;

function header(headers: XmlCdrHeaders, name: string): string | undefined {
  const value = headers[name] ?? headers[name.toLowerCase()];
  return Array.isArray(value) ? (value[0] as string | undefined) : (value as string | undefined);
}

/** Basic auth, compared in constant time. */
function authorized(headers: XmlCdrHeaders, expected: Buffer): boolean {
  const auth = header(headers, 'authorization');
  const m = auth === undefined ? null : /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(auth);
  if (m === null) return false;
  const given = Buffer.from(Buffer.from(m[1] ?? '', 'base64').toString('utf8'), 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function createXmlCdrHandler(options: XmlCdrHandlerOptions): XmlCdrHandler {
  if (!/^[^:\s]+:\S+$/.test(options.credentials))
    throw new RangeError('xml_cdr credentials must be user:password (no spaces)');
  const expected = Buffer.from(options.credentials, 'utf8');
  return async function handleXmlCdrPost(body, headers) {
    if (!authorized(headers, expected)) return { status: 401, body: 'unauthorized\n' };
    const parsed = parseXmlCdr(body);
    if (!parsed.ok) {
      options.log?.warn({ error: parsed.error }, 'xml_cdr post refused: not a leg CDR');
      return { status: 400, body: `${parsed.error}\n` };
    }
    try {
      const { inserted } = await options.db.recordLegCdr(parsed.cdr);
      options.onStored?.(inserted);
      return { status: 200, body: inserted ? 'stored\n' : 'already stored\n' };
    } catch (err) {
      options.log?.warn({ err: (err as Error).message, leg: parsed.cdr.leg }, 'xml_cdr post not stored; FreeSWITCH retries it');
      return { status: 500, body: 'not stored, retry\n' };
    }
  };
}
