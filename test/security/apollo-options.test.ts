import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { CanaryScanner } from '../support/canary.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { codesOf, postJson } from './support.ts';

/** Introspection, landing page and CSRF prevention follow NODE_ENV, each with an explicit override. */

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function landingPage(url: string): Promise<boolean> {
  const response = await request(`${url}/graphql`, { headers: { accept: 'text/html' } });
  const text = await response.body.text();
  return response.statusCode === 200 && /text\/html/.test(String(response.headers['content-type'])) && text.length > 0;
}

async function introspects(url: string): Promise<boolean> {
  const response = await postJson(url, { query: '{ __schema { queryType { name } } }' });
  return response.json().errors === undefined;
}

describe('Apollo options per environment', () => {
  it('development: introspection and the Sandbox landing page on', async () => {
    harness = await startHarness({ NODE_ENV: 'development' });
    expect(await introspects(harness.app.url)).toBe(true);
    expect(await landingPage(harness.app.url)).toBe(true);
  });

  it('production: both off, and each can be turned back on', async () => {
    harness = await startHarness({ NODE_ENV: 'production' });
    expect(await introspects(harness.app.url)).toBe(false);
    expect(await landingPage(harness.app.url)).toBe(false);
    await harness.close();
    harness = await startHarness({ NODE_ENV: 'production', INTROSPECTION: 'true', LANDING_PAGE: 'true' });
    expect(await introspects(harness.app.url)).toBe(true);
    expect(await landingPage(harness.app.url)).toBe(true);
  });

  it('CSRF prevention blocks simple requests unless turned off', async () => {
    const simpleGet = async (url: string) => {
      const response = await request(`${url}/graphql?query=%7B__typename%7D`);
      return {
        status: response.statusCode,
        body: (await response.body.json()) as { errors?: { extensions?: { code?: string } }[] },
      };
    };
    harness = await startHarness({ NODE_ENV: 'production' });
    const blocked = await simpleGet(harness.app.url);
    expect(blocked.status).toBe(400);
    expect(codesOf(blocked.body as never)).toEqual(['BAD_REQUEST']);
    await harness.close();
    harness = await startHarness({ NODE_ENV: 'production', CSRF_PREVENTION: 'false' });
    expect((await simpleGet(harness.app.url)).body).toEqual({ data: { __typename: 'Query' } });
  });

  it('warns at start-up about risky settings in production', async () => {
    const scanner = new CanaryScanner([]);
    harness = await startHarness(
      { NODE_ENV: 'production', CORS_ORIGINS: 'https://app.example.com', CSRF_PREVENTION: 'false' },
      { logger: scanner.logger },
    );
    const warnings = scanner.lines.filter((line) => line.includes('"level":"warn"')).join('\n');
    expect(warnings).toContain('ROUTER_SECRET is not set');
    expect(warnings).toContain('CORS_ORIGINS is set');
    expect(warnings).toContain('CSRF_PREVENTION is off');
  });
});
