import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness.ts';

const ORIGIN = 'https://app.example.com';

function preflight(harness: Harness, origin: string) {
  return request(`${harness.app.url}/graphql`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
  });
}

function post(harness: Harness, origin: string) {
  return request(`${harness.app.url}/graphql`, {
    method: 'POST',
    headers: { origin, 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
}

describe('CORS closed by default', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(() => harness.close());

  it('gives browsers no CORS header, so preflights fail and answers stay unreadable', async () => {
    const options = await preflight(harness, ORIGIN);
    expect(options.headers['access-control-allow-origin']).toBeUndefined();
    expect(options.statusCode).not.toBe(204);
    await options.body.dump();
    const answer = await post(harness, ORIGIN);
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
    await answer.body.dump();
  });
});

describe('CORS opened per origin (CORS_ORIGINS)', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ CORS_ORIGINS: `${ORIGIN},http://localhost:3000` });
  });
  afterAll(() => harness.close());

  it('answers the preflight of a listed origin', async () => {
    const response = await preflight(harness, ORIGIN);
    expect(response.statusCode).toBe(204);
    expect(response.headers).toMatchObject({
      'access-control-allow-origin': ORIGIN,
      'access-control-allow-methods': 'GET, POST',
      vary: 'Origin',
    });
    expect(String(response.headers['access-control-allow-headers'])).toContain('content-type');
    expect(response.headers['access-control-allow-credentials']).toBeUndefined();
    await response.body.dump();
  });

  it('lets a listed origin read answers, and only that origin', async () => {
    const allowed = await post(harness, ORIGIN);
    expect(allowed.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(await allowed.body.json()).toEqual({ data: { __typename: 'Query' } });

    for (const origin of ['https://evil.example.com', 'https://app.example.com.evil.com', 'null']) {
      const response = await post(harness, origin);
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
      expect(response.headers.vary).toBe('Origin');
      await response.body.dump();
      const options = await preflight(harness, origin);
      expect(options.headers['access-control-allow-origin']).toBeUndefined();
      await options.body.dump();
    }
  });
});
