import fc from 'fast-check';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { isoTime, redact, SENSITIVE_HEADERS, SENSITIVE_KEYS } from '../../src/logger.ts';

/**
 * Our redaction (one pass over the keys) must censor exactly what pino's path-based `redact` with
 * the equivalent paths censors: the reference below is pino's own implementation.
 */

const PATHS = [
  ...SENSITIVE_KEYS.flatMap((key) => [key, `*.${key}`]),
  ...SENSITIVE_HEADERS.flatMap((header) => [`headers["${header}"]`, `*.headers["${header}"]`]),
];

function lineOf(options: pino.LoggerOptions, entry: Record<string, unknown>): unknown {
  let line = '';
  const logger = pino(
    { ...options, base: undefined, timestamp: false },
    {
      write: (text: string) => {
        line = text;
      },
    },
  );
  logger.info(entry, 'message');
  return JSON.parse(line);
}

const key = fc.constantFrom(...SENSITIVE_KEYS, ...SENSITIVE_HEADERS, 'headers', 'vendor', 'status', 'err', 'nested');
const leaf = fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.boolean(), fc.constant(null));
const entry = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('object'), fc.array(leaf, { maxLength: 3 })),
  object: fc.dictionary(key, tie('node'), { maxKeys: 5 }),
})).object as fc.Arbitrary<Record<string, unknown>>;

describe('log redaction', () => {
  it('censors what pino redact censors with the equivalent paths, and nothing else', () => {
    fc.assert(
      fc.property(entry, (value) => {
        const ours = lineOf({ formatters: { log: redact } }, value);
        const pinos = lineOf({ redact: { paths: PATHS, censor: '[redacted]' } }, value);
        expect(ours).toEqual(pinos);
      }),
      { numRuns: 500 },
    );
  });

  it('never changes the caller’s object, and passes a clean one through as it is', () => {
    const entry = { vendor: { apiKey: 'k1', name: 'x' }, headers: { authorization: 'a1' }, token: 't1' };
    const before = structuredClone(entry);
    const censored = redact(entry);
    expect(entry).toEqual(before);
    expect(censored).toEqual({
      vendor: { apiKey: '[redacted]', name: 'x' },
      headers: { authorization: '[redacted]' },
      token: '[redacted]',
    });
    const clean = { requestId: 'r', status: 200, vendors: { DETECTIP: { lookups: 1 } } };
    expect(redact(clean)).toBe(clean);
  });

  it('keeps an error an error, so pino still serializes its message and stack', () => {
    const error = Object.assign(new Error('boom'), { token: 't1' });
    const line = lineOf({ formatters: { log: redact } }, { err: error }) as { err: Record<string, unknown> };
    expect(line.err).toMatchObject({ type: 'Error', message: 'boom', token: '[redacted]' });
    expect(line.err['stack']).toEqual(expect.stringContaining('boom'));
    expect(line).toEqual(lineOf({ redact: { paths: PATHS, censor: '[redacted]' } }, { err: error }));
    expect(error.token).toBe('t1');
  });
});

describe('log timestamps', () => {
  it('are pino’s isoTime, whatever the millisecond, across seconds', () => {
    const start = Date.UTC(2026, 4, 4, 10, 20, 29, 990);
    for (let now = start; now < start + 1_100; now += 7) {
      expect(isoTime(now)).toBe(`,"time":"${new Date(now).toISOString()}"`);
    }
    expect(isoTime(0)).toBe(',"time":"1970-01-01T00:00:00.000Z"');
  });
});
