import { readFile } from 'node:fs/promises';
import { parseConfig, type Config } from '@callfwd/domain';
import { LineCounter, parseDocument } from 'yaml';
import { locateConfigPath } from './locate-config-path.js';

/** One thing wrong with a config file: where (file line:column, config path) and what. */
export interface FileProblem {
  path: string;
  message: string;
  line?: number;
  column?: number;
}

export type LoadConfigResult =
  | { ok: true; config: Config; file: string }
  | { ok: false; kind: 'unreadable' | 'yaml' | 'config'; file: string; problems: FileProblem[] };

export interface LoadConfigOptions {
  env: NodeJS.ProcessEnv;
  insecureDev?: boolean;
}

/** Reads, parses (YAML) and validates (the domain's schema) a config file; every problem at once. */
export async function loadConfigFile(file: string, opts: LoadConfigOptions): Promise<LoadConfigResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    return { ok: false, kind: 'unreadable', file, problems: [{ path: '(file)', message: `cannot read the config file (${code})` }] };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((error) => {
      const pos = error.linePos?.[0] ?? lineCounter.linePos(error.pos[0]);
      const message = error.message.split('\n')[0] ?? error.code;
      return { path: '(yaml)', message, ...(pos === undefined ? {} : { line: pos.line, column: pos.col }) };
    });
    return { ok: false, kind: 'yaml', file, problems };
  }
  const parsed = parseConfig(doc.toJS(), { env: opts.env, allowInsecureDefaults: opts.insecureDev ?? false });
  if (parsed.ok) return { ok: true, config: parsed.config, file };
  const problems = parsed.problems.map((problem) => ({
    ...problem,
    ...locateConfigPath(doc, lineCounter, problem.path),
  }));
  return { ok: false, kind: 'config', file, problems };
}

/** `file:line:column: path: message`, the way compilers print problems. */
export function formatFileProblem(file: string, problem: FileProblem): string {
  const where = problem.line === undefined ? file : `${file}:${problem.line}:${problem.column ?? 1}`;
  const path = problem.path.startsWith('(') ? '' : `${problem.path}: `;
  return `${where}: ${path}${problem.message}`;
}
