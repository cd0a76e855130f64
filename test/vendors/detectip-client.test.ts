import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DetectIpClient } from '../../src/vendors/detectip/client.ts';
import { detectIp } from '../../src/vendors/detectip/index.ts';
import { fixture } from '../support/fixtures.ts';

/** The default cache life (`DETECTIP_CACHE_TTL_S`): verdicts evolve, so 30 s. */
const DEFAULT_TTL_MS = detectIp.tuning.cacheTtlSeconds * 1000;
const LOOKUP = { token: 'any' };

import { expectNoSecrets, type Stub, signal, startStub, TRANSPORT, vendorError } from './stub-server.ts';

const API_KEY = 'sk_test_detectip_7Hq2';
const TOKEN = 'sess_4f9c2a7e1b&x=1';

let stub: Stub;
let client: DetectIpClient;

beforeAll(async () => {
  stub = await startStub();
  client = new DetectIpClient({ ...TRANSPORT, apiUrl: stub.url, apiKey: API_KEY, cacheTtlMs: DEFAULT_TTL_MS });
});

afterAll(async () => {
  await client.close();
  await stub.close();
});

describe('detectip.ai client', () => {
  it('GETs /api/v1/verdict with the (encoded) token and X-API-Key', async () => {
    stub.reply(() => ({ status: 200, body: fixture('detectip/seed-verdict.json') }));
    const report = await client.fetch({ token: TOKEN }, signal());
    const request = stub.requests.at(-1);
    expect(request?.method).toBe('GET');
    const url = new URL(request?.url ?? '', stub.url);
    expect(url.pathname).toBe('/api/v1/verdict');
    expect(url.searchParams.get('token')).toBe(TOKEN);
    expect(request?.headers['x-api-key']).toBe(API_KEY);
    expect(report?.view.band).toBe('KNOWN_BOT');
    expect(client.ttlMs(LOOKUP, report)).toBe(30_000);
  });

  it('answers null for 404 (no captured session yet) and does not cache the miss', async () => {
    stub.reply(() => ({ status: 404, body: { error: 'not found' } }));
    await expect(client.fetch({ token: TOKEN }, signal())).resolves.toBeNull();
    expect(client.ttlMs(LOOKUP, null)).toBe(0);
  });

  it.each([
    [401, 'VENDOR_AUTH_FAILED', undefined],
    [402, 'VENDOR_QUOTA_EXCEEDED', undefined],
    [429, 'VENDOR_RATE_LIMITED', 3000],
    [500, 'VENDOR_UNAVAILABLE', undefined],
  ])('maps HTTP %s to %s without leaking the API key', async (status, expected, retryAfter) => {
    stub.reply(() => ({
      status,
      body: { error: `bad key ${API_KEY}` },
      headers: status === 429 ? { 'retry-after': '3' } : undefined,
    }));
    const error = await vendorError(client.fetch({ token: TOKEN }, signal()));
    expect(error.code).toBe(expected);
    expect(error.retryAfterMs).toBe(retryAfter);
    expectNoSecrets(error, [API_KEY, TOKEN, stub.url]);
  });

  it('records unknown top-level fields (paid-plan extras) as drift and a configured TTL', async () => {
    stub.reply(() => ({
      status: 200,
      body: { ...(fixture('detectip/with-action.json') as object), isp: 'Example ISP' },
    }));
    const short = new DetectIpClient({ ...TRANSPORT, apiUrl: stub.url, apiKey: API_KEY, cacheTtlMs: 5_000 });
    const report = await short.fetch({ token: TOKEN }, signal());
    await short.close();
    expect(report?.drift).toEqual(['field:isp']);
    expect(short.ttlMs(LOOKUP, report)).toBe(5_000);
  });

  it('rejects a body that is not a verdict object', async () => {
    stub.reply(() => ({ status: 200, body: ['not', 'a', 'verdict'] }));
    expect((await vendorError(client.fetch({ token: TOKEN }, signal()))).code).toBe('VENDOR_BAD_RESPONSE');
  });

  it('finds its token in the signals', () => {
    expect(client.lookup({ detectIpToken: 'abc' })).toEqual({ token: 'abc' });
    expect(client.lookup({})).toBeUndefined();
    expect(client.key({ token: 'abc' })).toBe('abc');
  });
});
