import pino from 'pino';
import type { Logger } from 'pino';
import { currentRequestId } from './request-context';

export type { Logger } from 'pino';

export interface LoggerOptions {
  readonly json: boolean;
  readonly debug: boolean;
  /** Where lines go; defaults to stdout. Tests pass a stream to read what was logged. */
  readonly destination?: pino.DestinationStream;
}

/**
 * Paths that may carry secrets. Node keys, enroll secrets, passwords and tokens never reach a log line,
 * wherever they appear in a logged object.
 */
export const REDACT_PATHS = [
  'node_key', '*.node_key', 'enroll_secret', '*.enroll_secret', 'password', '*.password', 'token', '*.token',
  'secret', '*.secret', 'req.headers.authorization', 'req.headers.cookie', 'headers.authorization',
  'config.mysql.password', 'config.redis.password', 'config.prometheus.basic_auth.password',
];

/** The process logger: JSON lines with `req_id` from the request context, or a compact text line. */
export function createLogger(options: LoggerOptions): Logger {
  const base: pino.LoggerOptions = {
    level: options.debug ? 'debug' : 'info',
    base: undefined,
    redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin: () => {
      const reqId = currentRequestId();
      return reqId ? { req_id: reqId } : {};
    },
    formatters: { level: (label) => ({ level: label }) },
  };
  const destination = options.destination ?? (options.json ? pino.destination({ sync: false }) : textDestination());
  return pino(base, destination);
}

/** A human-readable line per record for development: `time level msg key=value ...`. */
function textDestination(): pino.DestinationStream {
  return {
    write(line: string): void {
      try {
        const { time, level, msg, ...rest } = JSON.parse(line) as Record<string, unknown>;
        const extras = Object.entries(rest)
          .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
          .join(' ');
        process.stdout.write(`${String(time)} ${String(level).toUpperCase().padEnd(5)} ${typeof msg === 'string' ? msg : JSON.stringify(msg ?? '')}${extras ? ` ${extras}` : ''}\n`);
      } catch {
        process.stdout.write(line);
      }
    },
  };
}
