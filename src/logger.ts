import { type DestinationStream, type Logger, pino } from 'pino';
import { LogOutput, stdoutLogOutput } from './log-output.ts';

export type { Logger };

/**
 * Structured JSON logs. Secrets and personal data are redacted by key as a second line of
 * defence; the first is that our code never logs tokens, keys, variables or IP addresses.
 */

/** Keys that hold a secret, a token or personal data, wherever they appear (top level or one below). */
export const SENSITIVE_KEYS = [
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
export const SENSITIVE_HEADERS = ['authorization', 'cookie', 'x-api-key', 'auth-api-key', 'x-router-secret'];

const CENSOR = '[redacted]';
const sensitiveKeys: ReadonlySet<string> = new Set(SENSITIVE_KEYS);
const sensitiveHeaders: ReadonlySet<string> = new Set(SENSITIVE_HEADERS);

/**
 * What a caller logs, with the values of sensitive keys censored at the top level and one level
 * below, and of credential headers in a `headers` object at either level. pino's path-based
 * `redact` did the same at several times the cost of the whole request log line: it ran a
 * redactor per path for every key of every line. This is one pass over the keys, and it copies
 * only what it censors, so the caller's objects are never changed and a clean line (almost every
 * line) is passed through as it is.
 */
export function redact(entry: Record<string, unknown>): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(entry)) {
    const value = entry[key];
    if (value === undefined) continue;
    const censored = sensitiveKeys.has(key) ? CENSOR : isObject(value) ? redactBelow(value, key === 'headers') : value;
    if (censored === value) continue;
    copy ??= { ...entry };
    copy[key] = censored;
  }
  return copy ?? entry;
}

/** One level below the top: sensitive keys, credential headers when `headers`, and a nested `headers` object. */
function redactBelow(value: object, isHeaders: boolean): object {
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(value)) {
    const field: unknown = Reflect.get(value, key);
    if (field === undefined) continue;
    let censored = field;
    if (sensitiveKeys.has(key) || (isHeaders && sensitiveHeaders.has(key))) censored = CENSOR;
    else if (key === 'headers' && isObject(field)) censored = censorHeaders(field);
    if (censored === field) continue;
    copy ??= copyOf(value);
    copy[key] = censored;
  }
  return copy ?? value;
}

function censorHeaders(headers: object): object {
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(headers)) {
    if (!sensitiveHeaders.has(key) || Reflect.get(headers, key) === undefined) continue;
    copy ??= copyOf(headers);
    copy[key] = CENSOR;
  }
  return copy ?? headers;
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

/** A copy with the same prototype and properties: an `Error` stays one (with its message and stack) for pino's serializer. */
function copyOf(value: object): Record<string, unknown> {
  const copy = Object.create(Object.getPrototypeOf(value), Object.getOwnPropertyDescriptors(value)) as Record<
    string,
    unknown
  >;
  // V8's `stack` reads the stack of the object it is called on, which the copy does not have.
  if (value instanceof Error)
    Object.defineProperty(copy, 'stack', { value: value.stack, writable: true, configurable: true });
  return copy;
}

let second = Number.NaN;
let secondText = '';

/**
 * pino's `isoTime` (`,"time":"2026-05-04T10:20:30.123Z"`), with the part up to the second formatted
 * once per second: `Date#toISOString` costs about ten times what reusing it does, on every line.
 */
export function isoTime(now = Date.now()): string {
  const whole = Math.floor(now / 1000);
  if (whole !== second) {
    second = whole;
    secondText = new Date(whole * 1000).toISOString().slice(0, 19);
  }
  const millis = now - whole * 1000;
  return `,"time":"${secondText}.${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}Z"`;
}

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
      timestamp: isoTime,
      formatters: { level: (label) => ({ level: label }), log: redact },
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
