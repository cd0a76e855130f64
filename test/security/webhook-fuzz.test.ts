import fc from 'fast-check';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCUMENTED_ERROR_CODES } from '../../src/graphql/errors/error-codes.ts';
import { signatureHeader } from '../../src/simulator/vendors/fingerprint/webhook.ts';
import { sample } from '../operations/support.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { v3Event, v4Event, WEBHOOK_ENV, WEBHOOK_PATH, WEBHOOK_SECRETS } from '../support/webhooks.ts';

/**
 * Property-based fuzzing of `POST /webhooks/fingerprint`: paths, methods, bodies (events, mutated
 * events, any JSON, any bytes, oversized) and signature headers (valid under either secret, wrong
 * secret, another body's, noise, none). Every answer is the one its request deserves and below 500,
 * with documented codes only; afterwards, no event delivered without a valid signature is in the
 * cache (a query asks Fingerprint for each), and every validly signed event is.
 *
 * Reproduce with FUZZ_SEED; FUZZ_WEBHOOK_RUNS raises the count (never below 400).
 */

const SEED = Number(process.env['FUZZ_SEED'] ?? 20_261_130);
const RUNS = Math.max(400, Number(process.env['FUZZ_WEBHOOK_RUNS'] ?? 0) || 0);

type BodyKind = 'event' | 'legacy' | 'mutated' | 'json' | 'bytes' | 'large';
type SignatureKind = 'valid' | 'validAmongOthers' | 'wrongSecret' | 'otherBody' | 'hexNoise' | 'text' | 'none';

const VALID_SIGNATURES: ReadonlySet<SignatureKind> = new Set(['valid', 'validAmongOthers']);

const delivery = fc.record({
  path: fc.oneof(
    { arbitrary: fc.constant(WEBHOOK_PATH), weight: 12 },
    { arbitrary: fc.constant(`${WEBHOOK_PATH}?retry=1`), weight: 1 },
    {
      arbitrary: fc.constantFrom(
        `${WEBHOOK_PATH}/`,
        '/webhooks/FINGERPRINT',
        '/webhooks/',
        '/webhooks/trustdecision',
        '/webhooks/fingerprint/../fingerprint2',
        '/webhooks',
      ),
      weight: 1,
    },
  ),
  method: fc.oneof(
    { arbitrary: fc.constant('POST'), weight: 12 },
    { arbitrary: fc.constantFrom('GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'), weight: 1 },
  ),
  body: fc.oneof(
    { arbitrary: fc.constant<BodyKind>('event'), weight: 4 },
    { arbitrary: fc.constant<BodyKind>('legacy'), weight: 2 },
    { arbitrary: fc.constant<BodyKind>('mutated'), weight: 4 },
    { arbitrary: fc.constant<BodyKind>('json'), weight: 2 },
    { arbitrary: fc.constant<BodyKind>('bytes'), weight: 2 },
    { arbitrary: fc.constant<BodyKind>('large'), weight: 1 },
  ),
  signature: fc.oneof(
    { arbitrary: fc.constant<SignatureKind>('valid'), weight: 6 },
    {
      arbitrary: fc.constantFrom<SignatureKind>(
        'validAmongOthers',
        'wrongSecret',
        'otherBody',
        'hexNoise',
        'text',
        'none',
      ),
      weight: 6,
    },
  ),
  secret: fc.constantFrom(...WEBHOOK_SECRETS),
  /** A change to a valid event: a top-level member replaced by any JSON value, or removed. */
  mutation: fc.record({
    member: fc.constantFrom('event_id', 'timestamp', 'identification', 'ip_info', 'velocity', 'bot', 'sdk', 'extra'),
    value: fc.option(fc.jsonValue({ maxDepth: 3 }), { nil: undefined }),
  }),
  json: fc.jsonValue({ maxDepth: 4 }),
  bytes: fc.uint8Array({ maxLength: 512 }),
  noise: fc.string({ maxLength: 200 }),
  hex: fc.uint8Array({ minLength: 32, maxLength: 32 }),
  contentType: fc.constantFrom('application/json', 'text/plain', 'application/octet-stream', ''),
});

type Delivery = typeof delivery extends fc.Arbitrary<infer T> ? T : never;

describe('fuzzing the webhook endpoint', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ ...WEBHOOK_ENV, FINGERPRINT_RATE_LIMIT_RPS: '0' });
  });
  afterAll(() => harness.close());

  it(`answers ${RUNS} generated deliveries as each deserves, never 5xx, and stores only validly signed events`, async () => {
    let count = 0;
    const unsigned = new Set<string>();
    const stored = new Set<string>();
    const statuses = new Map<number, number>();
    let accepted = 0;

    /** The body of a delivery; the event ids in it are unique to the run and say whether it is signed. */
    const bodyOf = (draw: Delivery, id: string): Buffer => {
      switch (draw.body) {
        case 'event':
          return Buffer.from(JSON.stringify(v4Event(id)));
        case 'legacy':
          return Buffer.from(JSON.stringify(v3Event(id)));
        case 'mutated': {
          const event: Record<string, unknown> = v4Event(id);
          if (draw.mutation.value === undefined) delete event[draw.mutation.member];
          else event[draw.mutation.member] = draw.mutation.value;
          return Buffer.from(JSON.stringify(event));
        }
        case 'json':
          return Buffer.from(JSON.stringify(draw.json));
        case 'bytes':
          return Buffer.from(draw.bytes);
        case 'large':
          return Buffer.from(JSON.stringify({ ...v4Event(id), padding: 'x'.repeat(260 * 1024) }));
      }
    };

    const signatureOf = (draw: Delivery, body: Buffer): string | undefined => {
      switch (draw.signature) {
        case 'valid':
          return signatureHeader(body, [draw.secret]);
        case 'validAmongOthers':
          return `v1=${Buffer.from(draw.hex).toString('hex')},${signatureHeader(body, [draw.secret])},v2=abc`;
        case 'wrongSecret':
          return signatureHeader(body, ['whsec_fuzz_not_configured']);
        case 'otherBody':
          return signatureHeader(Buffer.concat([body, Buffer.from('\n')]), [draw.secret]);
        case 'hexNoise':
          return `v1=${Buffer.from(draw.hex).toString('hex')}`;
        case 'text':
          // Header values must be printable: keep what undici can send.
          return draw.noise.replace(/[^\x20-\x7E]/g, '') || 'v1';
        case 'none':
          return undefined;
      }
    };

    /** What the endpoint must answer, from what was sent; undefined: one of several (see below). */
    const expectedStatus = (draw: Delivery): number | undefined => {
      const pathname = draw.path.split('?')[0];
      if (pathname !== WEBHOOK_PATH) return 404;
      if (draw.method !== 'POST') return 405;
      if (draw.body === 'large') return 413;
      if (!VALID_SIGNATURES.has(draw.signature)) return 401;
      if (draw.body === 'event' || draw.body === 'legacy') return 200;
      return undefined;
    };

    const check = async (draw: Delivery): Promise<boolean> => {
      count += 1;
      const signedValidly = VALID_SIGNATURES.has(draw.signature);
      const id = `${Date.now()}.${signedValidly ? 'ok' : 'bad'}${count}`;
      const body = bodyOf(draw, id);
      const signature = signatureOf(draw, body);
      const response = await request(`${harness.app.url}${draw.path}`, {
        method: draw.method as 'POST',
        headers: {
          ...(draw.contentType ? { 'content-type': draw.contentType } : {}),
          ...(signature === undefined ? {} : { 'fpjs-event-signature': signature }),
        },
        ...(draw.method === 'GET' ? {} : { body }),
      });
      const text = await response.body.text();
      const status = response.statusCode;
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      const where = `delivery ${count} (${draw.method} ${draw.path} ${draw.body} ${draw.signature})`;
      if (status >= 500) throw new Error(`${where}: HTTP ${status} ${text.slice(0, 200)}`);
      const expected = expectedStatus(draw);
      if (expected !== undefined && status !== expected) {
        throw new Error(`${where}: expected ${expected}, got ${status} ${text.slice(0, 200)}`);
      }
      // A validly signed body that may or may not be an event: 200 (stored or stale), 400 or 422.
      if (expected === undefined && ![200, 400, 422].includes(status)) throw new Error(`${where}: HTTP ${status}`);
      const answer = JSON.parse(text) as { outcome?: string; errors?: { extensions?: { code?: string } }[] };
      for (const error of answer.errors ?? []) {
        const code = String(error.extensions?.code);
        if (!DOCUMENTED_ERROR_CODES.has(code)) throw new Error(`${where}: undocumented code ${code}`);
        if (text.includes(id)) throw new Error(`${where}: the answer quotes the event id`);
      }
      if (answer.outcome === 'accepted') accepted += 1;
      if (!signedValidly && draw.body !== 'json' && draw.body !== 'bytes') unsigned.add(id);
      if (expected === 200) {
        if (answer.outcome !== 'accepted') throw new Error(`${where}: ${text}`);
        stored.add(id);
      }
      return true;
    };

    await fc.assert(fc.asyncProperty(delivery, check), { seed: SEED, numRuns: RUNS, endOnFailure: true });
    expect(count).toBeGreaterThanOrEqual(RUNS);
    expect(unsigned.size).toBeGreaterThan(RUNS / 10);
    expect(stored.size).toBeGreaterThan(RUNS / 10);

    // Nothing delivered without a valid signature was stored: each of those events costs a call.
    const cachedness = async (ids: readonly string[]) => {
      const answers: boolean[] = [];
      for (let start = 0; start < ids.length; start += 100) {
        const signals = ids.slice(start, start + 100).map((fingerprintEventId) => ({ fingerprintEventId }));
        const response = await harness.query<{ events: { sources: { status: string; cached: boolean }[] }[] }>(
          'query($s: [SignalsInput!]!) { events(signals: $s) { fingerprint { eventId } sources { status cached } } }',
          { s: signals },
        );
        expect(response.errors).toBeUndefined();
        for (const event of response.data?.events ?? []) answers.push(event.sources[0]?.cached ?? false);
      }
      return answers;
    };
    harness.simulator.resetCalls();
    expect(new Set(await cachedness([...unsigned]))).toEqual(new Set([false]));
    expect(harness.simulator.calls('FINGERPRINT')).toBe(unsigned.size);
    // And every validly signed event is.
    harness.simulator.resetCalls();
    expect(new Set(await cachedness([...stored]))).toEqual(new Set([true]));
    expect(harness.simulator.calls('FINGERPRINT')).toBe(0);

    const metrics = await (await request(`${harness.app.url}/metrics`)).body.text();
    expect(
      sample(metrics, 'device_intel_webhook_deliveries_total', { vendor: 'FINGERPRINT', outcome: 'accepted' }),
    ).toBe(accepted);
    const summary = [...statuses.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([status, n]) => `${status}=${n}`)
      .join(' ');
    console.log(
      `webhook fuzz: seed=${SEED} runs=${RUNS} unsigned=${unsigned.size} stored=${stored.size} statuses: ${summary}`,
    );
  }, 120_000);
});
