import { type DestinationStream, type Logger, pino } from 'pino';

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

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'device-intelligence-subgraph' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    destination,
  );
}
