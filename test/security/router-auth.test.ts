import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretMatcher } from '../../src/http/router-auth.ts';
import { CANARY } from '../support/canary.ts';
import { type Harness, startHarness } from '../support/harness.ts';

const SECRET = CANARY.routerSecret;
const PREVIOUS = 'previous-router-secret-7f6e5d4c';
const QUERY = JSON.stringify({
  query: '{ event(signals: {detectIpToken: "botd-demo-token-0001"}) { detectIp { score } } }',
});

async function post(harness: Harness, headers: Record<string, string>, path = '/graphql') {
  const response = await request(`${harness.app.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: QUERY,
  });
  return { status: response.statusCode, body: (await response.body.json()) as Record<string, unknown> };
}

describe('secretMatcher', () => {
  const matches = secretMatcher([SECRET, PREVIOUS]);

  it('accepts the current and the previous secret, and nothing else', () => {
    expect(matches(SECRET)).toBe(true);
    expect(matches(PREVIOUS)).toBe(true);
    expect(matches('')).toBe(false);
    expect(matches(SECRET.slice(0, -1))).toBe(false);
    expect(matches(`${SECRET} `)).toBe(false);
    expect(matches(`${SECRET}${SECRET}`)).toBe(false);
    expect(matches(SECRET.toUpperCase())).toBe(false);
  });
});

describe('router-only access (ROUTER_SECRET)', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ ROUTER_SECRET: SECRET, ROUTER_SECRET_PREVIOUS: PREVIOUS });
  });
  afterAll(() => harness.close());

  it('answers 401 UNAUTHENTICATED without the header, before any GraphQL work or vendor call', async () => {
    harness.simulator.resetCalls();
    const attempts: Record<string, string>[] = [
      {},
      { 'x-router-secret': 'wrong' },
      { 'x-router-secret': '' },
      { 'x-other': SECRET },
    ];
    for (const headers of attempts) {
      const response = await post(harness, headers);
      expect(response.status).toBe(401);
      expect(response.body).toEqual({ errors: [{ message: 'Unauthorized', extensions: { code: 'UNAUTHENTICATED' } }] });
    }
    expect(harness.simulator.calls()).toBe(0);
  });

  it('answers queries with the current or the previous secret', async () => {
    for (const secret of [SECRET, PREVIOUS]) {
      const response = await post(harness, { 'x-router-secret': secret });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ data: { event: { detectIp: { score: expect.any(Number) } } } });
    }
  });

  it('guards every other path too, so unknown paths do not reveal themselves', async () => {
    expect((await post(harness, {}, '/')).status).toBe(401);
    expect((await post(harness, {}, '/nope')).status).toBe(401);
    expect((await post(harness, { 'x-router-secret': SECRET }, '/nope')).status).toBe(404);
    const get = await request(`${harness.app.url}/graphql?query=%7B__typename%7D`);
    expect(get.statusCode).toBe(401);
    await get.body.dump();
  });

  it('leaves /healthz, /readyz and /metrics to load balancers and Prometheus', async () => {
    for (const path of ['/healthz', '/readyz']) {
      const response = await request(`${harness.app.url}${path}`);
      expect(response.statusCode).toBe(200);
      await response.body.dump();
    }
    // No /metrics route exists on this branch: it must be a 404, never a 401.
    const metrics = await request(`${harness.app.url}/metrics`);
    expect(metrics.statusCode).not.toBe(401);
    await metrics.body.dump();
  });
});

describe('router secret header name (ROUTER_SECRET_HEADER)', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ ROUTER_SECRET: SECRET, ROUTER_SECRET_HEADER: 'X-Subgraph-Auth' });
  });
  afterAll(() => harness.close());

  it('reads the configured header, case-insensitively', async () => {
    expect((await post(harness, { 'x-router-secret': SECRET })).status).toBe(401);
    expect((await post(harness, { 'X-Subgraph-Auth': SECRET })).status).toBe(200);
  });
});

describe('without ROUTER_SECRET', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(() => harness.close());

  it('answers anyone (so it must then sit behind a router on a private network)', async () => {
    expect((await post(harness, {})).status).toBe(200);
  });
});
