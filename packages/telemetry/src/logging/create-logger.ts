import { pino, type DestinationStream, type Logger } from 'pino';

/** Paths whose values are never written to a log line, whatever a caller passes in. */
export const REDACTED_PATHS = [
  'password',
  '*.password',
  '*.*.password',
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  'headers.authorization',
  'config.nodes[*].password',
  'config.redis.password',
  'config.http.token',
];

export interface LoggerOptions {
  level?: string;
  /** The process role (listener, worker, all, cli); every line carries it. */
  role: string;
  /** Where lines go; stdout when omitted. Tests pass a stream to read lines as data. */
  destination?: DestinationStream;
}

/** The one root logger of a process: JSON lines, constant messages, secrets redacted. */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { role: options.role },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    options.destination,
  );
}

export type { Logger };
