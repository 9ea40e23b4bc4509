// mod_xml_cdr: at each leg's end (CS_REPORTING) the node POSTs the leg's CDR and holds the leg's
// CHANNEL_HANGUP_COMPLETE until the POST is answered 200; a failed POST is retried `delaySeconds`
// (sim seconds) later, `retries` times (retries=1: two attempts), then written to the error log
// (here: `failures()`) and the leg ends anyway. The request is written byte for byte as the
// capture node's libcurl wrote it (esl-real-next/xml-cdr-post/cdr-requests.raw).
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import type { Channel } from './channel.js';
import type { SimClock } from './sim-clock.js';
import type { CdrIdentity } from './xml-cdr.js';
import { cdrPostBody, cdrXml } from './xml-cdr.js';

export interface XmlCdrOptions {
  /** `http://host:port/path`; the node appends `?uuid=a_<uuid>` (`<uuid>` for a b-leg). */
  readonly url: string;
  /** `user:password` for HTTP basic authentication (mod_xml_cdr `cred`). */
  readonly credentials?: string;
  /** Extra attempts after a failed one (default 0). */
  readonly retries?: number;
  /** Sim seconds between attempts (default 5, mod_xml_cdr's `delay`). */
  readonly delaySeconds?: number;
  /** `encode=true` (default): the XML URL-encoded, `application/x-www-form-urlencoded`;
   *  false: raw XML after `cdr=`, `application/x-www-form-plaintext`. */
  readonly encode?: boolean;
  /** Real ms an attempt may take before it counts as failed (default 10 000). */
  readonly timeoutMs?: number;
}

export interface CdrPostRecord {
  readonly uuid: string;
  /** The path and query posted to (`/cdr?uuid=a_<uuid>`). */
  readonly path: string;
  readonly attempt: number;
  /** The HTTP status, or 0 when the request failed (refused, timed out, closed). */
  readonly status: number;
}

export interface CdrFailure {
  readonly uuid: string;
  /** The err-log-dir file name mod_xml_cdr writes (`a_<uuid>.cdr.xml`). */
  readonly fileName: string;
  /** The file's content: the posted body without `cdr=` (URL-encoded XML with `encode`). */
  readonly content: string;
}

export interface CdrPoster {
  /** Posts the leg's CDR until accepted or out of attempts; resolves when the leg may go on. */
  post(channel: Channel): Promise<void>;
  records(): readonly CdrPostRecord[];
  failures(): readonly CdrFailure[];
  close(): void;
}

const LOG_LIMIT = 10_000;

export function validateXmlCdrOptions(options: XmlCdrOptions): URL {
  const url = new URL(options.url);
  if (url.protocol !== 'http:') throw new RangeError(`xmlCdr.url must be http://, got ${options.url}`);
  for (const [name, value] of [['retries', options.retries], ['delaySeconds', options.delaySeconds], ['timeoutMs', options.timeoutMs]] as const) {
    if (value !== undefined && !(Number.isFinite(value) && value >= 0)) throw new RangeError(`xmlCdr.${name} must be a number >= 0, got ${value}`);
  }
  if (options.credentials !== undefined && !options.credentials.includes(':')) throw new RangeError('xmlCdr.credentials must be user:password');
  return url;
}

export function createCdrPoster(options: XmlCdrOptions, identity: CdrIdentity, clock: SimClock): CdrPoster {
  const url = validateXmlCdrOptions(options);
  const retries = options.retries ?? 0;
  const delayMs = (options.delaySeconds ?? 5) * 1000;
  const encode = options.encode ?? true;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const records: CdrPostRecord[] = [];
  const failures: CdrFailure[] = [];
  const sockets = new Set<Socket>();
  let closed = false;

  const keep = <T>(log: T[], entry: T): void => {
    log.push(entry);
    if (log.length > LOG_LIMIT) log.splice(0, log.length - LOG_LIMIT);
  };

  const attempt = (path: string, body: string): Promise<number> =>
    new Promise((resolve) => {
      if (closed) return resolve(0);
      const socket = connect(Number(url.port || 80), url.hostname);
      sockets.add(socket);
      let response = '';
      let done = false;
      const finish = (status: number): void => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        sockets.delete(socket);
        socket.destroy();
        resolve(status);
      };
      const timer = setTimeout(() => finish(0), timeoutMs);
      socket.on('connect', () => socket.write(requestBytes(url, path, body, encode, options.credentials)));
      socket.on('data', (chunk: Buffer) => {
        response += chunk.toString('latin1');
        const status = /^HTTP\/1\.[01] (\d{3})/.exec(response);
        if (status !== null && response.includes('\r\n\r\n')) finish(Number(status[1]));
      });
      socket.on('error', () => finish(0));
      socket.on('close', () => finish(0));
    });

  return {
    async post(channel) {
      // A b-leg (one with an originator profile: the uuid_bridged forward leg) has no `a_` prefix.
      const prefix = channel.other?.type === 'originator' ? '' : 'a_';
      const query = `uuid=${prefix}${channel.uuid}`;
      const path = `${url.pathname}${url.search === '' ? `?${query}` : `${url.search}&${query}`}`;
      const body = cdrPostBody(cdrXml(channel, identity), encode);
      for (let n = 1; n <= retries + 1 && !closed; n++) {
        const status = await attempt(path, body);
        keep(records, { uuid: channel.uuid, path, attempt: n, status });
        if (status === 200) return;
        if (n <= retries) await clock.sleep(delayMs);
      }
      keep(failures, { uuid: channel.uuid, fileName: `${prefix}${channel.uuid}.cdr.xml`, content: body.slice('cdr='.length) });
    },
    records: () => records,
    failures: () => failures,
    close() {
      closed = true;
      for (const socket of sockets) socket.destroy();
      sockets.clear();
    },
  };
}

function requestBytes(url: URL, path: string, body: string, encode: boolean, credentials: string | undefined): string {
  const lines = [`POST ${path} HTTP/1.1`, `Host: ${url.host}`];
  if (credentials !== undefined) lines.push(`Authorization: Basic ${Buffer.from(credentials).toString('base64')}`);
  lines.push('User-Agent: freeswitch-xml/1.0', 'Accept: */*');
  lines.push(`Content-Type: ${encode ? 'application/x-www-form-urlencoded' : 'application/x-www-form-plaintext'}`);
  lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}
