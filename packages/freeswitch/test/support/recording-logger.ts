import type { Logger } from '../../src/index.js';

export interface LogEntry {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly msg: string;
  readonly data: Record<string, unknown>;
}

/** A Logger that keeps info and above as data, so tests can read what was logged. */
export function createRecordingLogger(
  entries: LogEntry[] = [],
  bindings: Record<string, unknown> = {},
): Logger & { entries: LogEntry[] } {
  const at =
    (level: LogEntry['level']) =>
    (obj: object, msg = ''): void => {
      if (level !== 'debug')
        entries.push({ level, msg, data: { ...bindings, ...(obj as Record<string, unknown>) } });
    };
  return {
    entries,
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (more) => createRecordingLogger(entries, { ...bindings, ...more }),
  };
}
