import { type DestinationStream, type Logger, pino } from 'pino';

export type { Logger };

/**
 * Structured JSON logs. Secrets and personal data are redacted by path as a second line of
 * defence; the first is that our code never logs tokens, keys, variables or IP addresses.
 */
export const REDACTED_PATHS = [
  '*.apiKey',
  '*.secretKey',
  '*.partnerKey',
  '*.authorization',
  '*.headers.authorization',
  '*.headers["x-api-key"]',
  '*.headers["auth-api-key"]',
  '*.headers["x-router-secret"]',
  'req.headers.authorization',
  'req.headers.cookie',
  '*.variables',
  '*.signals',
  '*.token',
  '*.ip',
  '*.ipAddress',
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
