import type { JobResult } from './channel-event.js';

/**
 * A BACKGROUND_JOB (or api) reply body as a result: `+OK <text>\n` is ok with `<text>`,
 * `-ERR <CAUSE>\n` is an error `<CAUSE>`, any other `-...` reply (`-USAGE: ...`, `-ERROR`)
 * is an error carrying the whole line. A body without a sign (`true`, JSON) is ok as it is.
 */
export function parseJobResult(body: string): JobResult {
  const text = body.endsWith('\n') ? body.slice(0, -1) : body;
  if (text.startsWith('+OK')) return { ok: true, value: text.slice(3).trim() };
  if (text === '-ERR' || text.startsWith('-ERR ')) {
    const rest = text.slice(4).trim();
    return { ok: false, error: rest === '' ? '-ERR' : rest };
  }
  if (text.startsWith('-')) return { ok: false, error: text.trim() };
  return { ok: true, value: text };
}
