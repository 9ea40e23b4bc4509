// The real mod_xml_cdr posts captured from FreeSWITCH 1.10.12 (shared/fixtures beside the checkout).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CAPTURE = join(
  process.env.CALLFWD_ESL_FIXTURES_ROOT ?? fileURLToPath(new URL('../../../../../shared/fixtures', import.meta.url)),
  'esl-real-next',
  'xml-cdr-post',
);

export interface CapturedPost {
  n: number;
  url: string;
  headers: Record<string, string>;
  body: string;
}

export function capturedPosts(): CapturedPost[] {
  const jsonl = join(CAPTURE, 'cdr-requests.jsonl');
  if (!existsSync(jsonl)) throw new Error(`xml_cdr capture ${jsonl} not found: set CALLFWD_ESL_FIXTURES_ROOT to shared/fixtures`);
  const raw = readFileSync(join(CAPTURE, 'cdr-requests.raw'));
  return readFileSync(jsonl, 'utf8')
    .trim()
    .split('\n')
    .map((line) => {
      const meta = JSON.parse(line) as { n: number; url: string; offset: number; length: number; headers: Record<string, string> };
      const request = raw.subarray(meta.offset, meta.offset + meta.length).toString('utf8');
      return { n: meta.n, url: meta.url, headers: meta.headers, body: request.slice(request.indexOf('\r\n\r\n') + 4) };
    });
}
