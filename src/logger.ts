import { type DestinationStream, type Logger, pino } from 'pino';
import { LogOutput, stdoutLogOutput } from './log-output.ts';

export type { Logger };

/**
 * Structured JSON logs. Secrets and personal data are redacted by path as a second line of
 * defence; the first is that our code never logs tokens, keys, variables or IP addresses.
 */

/** Keys that hold a secret, a token or personal data, wherever they appear (top level or one below). */
const SENSITIVE_KEYS = [
  'apiKey',
  'secretKey',
  'partnerKey',
  'partnerCode',
  'routerSecret',
  'authorization',
  'token',
  'signals',
  'variables',
  'representations',
  'ip',
  'ipAddress',
  'address',
  'latitude',
  'longitude',
  'postalCode',
];

/** Request headers that carry credentials (vendors' auth headers, the router secret's default name). */
const SENSITIVE_HEADERS = ['authorization', 'cookie', 'x-api-key', 'auth-api-key', 'x-router-secret'];

export const REDACTED_PATHS = [
  ...SENSITIVE_KEYS.flatMap((key) => [key, `*.${key}`]),
  ...SENSITIVE_HEADERS.flatMap((header) => [`headers["${header}"]`, `*.headers["${header}"]`]),
];

/**
 * A logger writing to `destination`, by default a `LogOutput` on stdout (never pino's own
 * destination: see `LogOutput`). A `LogOutput` reports through the last logger made on it, once per
 * stall, the lines it had to drop while its reader was stalled.
 */
export function createLogger(level: string, destination: DestinationStream = stdoutLogOutput()): Logger {
  const logger = pino(
    {
      level,
      base: { service: 'device-intelligence-subgraph' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    destination,
  );
  if (destination instanceof LogOutput) {
    destination.onRecovered((droppedLines, blockedMs) =>
      logger.warn({ droppedLines, blockedMs }, 'log output caught up: lines were dropped while its reader was stalled'),
    );
  }
  return logger;
}
