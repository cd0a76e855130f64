import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { decodeEventId } from '../../src/signals/event-id.ts';
import { BUILT_IN_VENDORS, VendorRegistry } from '../../src/vendors/registry.ts';
import { captureLogs } from '../operations/support.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { acme } from '../vendors/acme/index.ts';

/**
 * Adding a vendor is a folder, a registry entry and one SDL file: Acme Risk (test/vendors/acme/)
 * is registered at run time beside the shipped five and answered over real HTTP by a small fake
 * of its API. Nothing outside its folder names it.
 */

const API_KEY = 'acme-test-key-0001';

/**
 * Acme's API: a verdict per session token; `bot` tokens are automated, `bug` ones make our mapper
 * throw. Outcomes posted to `/v1/feedback` are kept in `feedback`.
 */
function startAcme(): Promise<{ server: Server; url: string; calls: Map<string, number>; feedback: unknown[] }> {
  const calls = new Map<string, number>();
  const feedback: unknown[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://acme');
    const token = url.searchParams.get('token') ?? '';
    const answer = (status: number, body: unknown) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (req.method === 'POST' && url.pathname === '/v1/feedback') {
      if (req.headers['x-acme-key'] !== API_KEY) return answer(401, { error: 'bad key' });
      let body = '';
      req.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      req.on('end', () => {
        feedback.push(JSON.parse(body));
        res.writeHead(204).end();
      });
      return;
    }
    calls.set(token, (calls.get(token) ?? 0) + 1);
    if (req.headers['x-acme-key'] !== API_KEY) return answer(401, { error: 'bad key' });
    if (url.pathname !== '/v1/verdict' || token.endsWith('404')) return answer(404, { error: 'no such session' });
    if (token.startsWith('bug')) return answer(200, { verdict: { score: 50 } });
    const bot = token.startsWith('bot');
    return answer(200, { verdict: { score: bot ? 97 : 3, checks: { automation: bot } } });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, url: `http://127.0.0.1:${port}`, calls, feedback });
    });
  });
}

describe('a sixth vendor registered at run time', () => {
  const registry = new VendorRegistry([...BUILT_IN_VENDORS, acme]);
  const logs = captureLogs();
  let fake: Awaited<ReturnType<typeof startAcme>>;
  let harness: Harness;

  beforeAll(async () => {
    fake = await startAcme();
    harness = await startHarness({ ACME_API_URL: fake.url, ACME_API_KEY: API_KEY }, { registry, logger: logs.logger });
  });
  afterAll(async () => {
    await harness.close();
    await new Promise((resolve) => fake.server.close(resolve));
  });
  beforeEach(() => {
    fake.calls.clear();
    fake.feedback.splice(0);
    harness.simulator.resetCalls();
  });

  it('answers its view, its labels, the verdict and its source status beside the shipped vendors', async () => {
    const response = await harness.query<{ event: Record<string, unknown> }>(`{
      event(signals: { acmeToken: "bot-session-1", detectIpToken: "botd-demo-token-0001" }) {
        id acme { score } riskLabels { code source } risk { reasons { code sources } }
        sources { vendor status }
      }
    }`);
    expect(response.errors).toBeUndefined();
    const event = response.data?.event ?? {};
    expect(event['acme']).toEqual({ score: 97 });
    expect(event['riskLabels']).toContainEqual({ code: 'AUTOMATION', source: 'ACME' });
    expect(event['risk']).toMatchObject({
      reasons: expect.arrayContaining([{ code: 'AUTOMATION', sources: ['ACME'] }]),
    });
    expect(event['sources']).toEqual([
      { vendor: 'DETECTIP', status: 'OK' },
      { vendor: 'ACME', status: 'OK' },
    ]);
    expect(fake.calls.get('bot-session-1')).toBe(1);
    // Its token travels in Event.id, in the slot its descriptor took.
    expect(decodeEventId(String(event['id']), registry.signals)).toEqual({
      acmeToken: 'bot-session-1',
      detectIpToken: 'botd-demo-token-0001',
    });
  });

  it('is called only when a selected field needs it, and its id resolves through _entities', async () => {
    const skipped = await harness.query<{ event: { id: string; sources: unknown } }>(`{
      event(signals: { acmeToken: "human-session-2", detectIpToken: "botd-demo-token-0001" }) {
        id detectIp { score } sources { vendor status }
      }
    }`);
    expect(skipped.data?.event.sources).toEqual([
      { vendor: 'DETECTIP', status: 'OK' },
      { vendor: 'ACME', status: 'SKIPPED' },
    ]);
    expect(fake.calls.get('human-session-2')).toBeUndefined();

    const entity = await harness.query<{ _entities: unknown[] }>(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Event { acme { score } } } }',
      { r: [{ __typename: 'Event', id: skipped.data?.event.id }] },
    );
    expect(entity.data?._entities).toEqual([{ acme: { score: 3 } }]);
    expect(fake.calls.get('human-session-2')).toBe(1);
  });

  it('takes reported outcomes too: which vendors accept feedback follows from their connectors', async () => {
    const report = `mutation($id: ID!) { reportOutcome(input: {eventId: $id, outcome: FRAUD}) { sources { vendor status } } }`;
    const both = await harness.query<{ event: { id: string } }>(
      '{ event(signals: { acmeToken: "human-session-5", fingerprintEventId: "cleanweb-acme-0001" }) { id } }',
    );
    const reported = await harness.query(report, { id: both.data?.event.id });
    expect(reported.data).toEqual({
      reportOutcome: {
        sources: [
          { vendor: 'FINGERPRINT', status: 'OK' },
          { vendor: 'ACME', status: 'OK' },
        ],
      },
    });
    expect(fake.feedback).toEqual([{ token: 'human-session-5', fraud: true }]);

    const acmeOnly = await harness.query<{ event: { id: string } }>(
      '{ event(signals: { acmeToken: "human-session-6" }) { id } }',
    );
    const skipped = await harness.query(report, { id: acmeOnly.data?.event.id });
    expect(skipped.data).toEqual({
      reportOutcome: {
        sources: [
          { vendor: 'FINGERPRINT', status: 'SKIPPED' },
          { vendor: 'ACME', status: 'OK' },
        ],
      },
    });
  });

  it('validates its token with its own rule', async () => {
    const response = await harness.query('{ event(signals: { acmeToken: "has space" }) { id } }');
    expect(response.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'signals.acmeToken' });
    expect(fake.calls.size).toBe(0);
  });

  it('turns an exception in its mapper into VENDOR_BAD_RESPONSE, logged once with its stack and counted', async () => {
    for (const token of ['bug-session-3', 'bug-session-4']) {
      const response = await harness.query<{ event: { acme: unknown } }>(
        `{ event(signals: { acmeToken: "${token}" }) { acme { score } } }`,
      );
      expect(response.data?.event.acme).toBeNull();
      expect(response.errors).toEqual([
        expect.objectContaining({
          message: 'Acme Risk: answered something we could not map',
          extensions: { code: 'VENDOR_BAD_RESPONSE', vendor: 'ACME' },
        }),
      ]);
    }
    const logged = logs.lines().filter((line) => line['vendor'] === 'ACME' && line['level'] === 'error');
    expect(logged).toHaveLength(1);
    expect(JSON.stringify(logged[0]?.['err'])).toMatch(/TypeError.*acme\/client\.ts/s);
    const metrics = await request(`${harness.app.url}/metrics`);
    expect(await metrics.body.text()).toMatch(/^device_intel_vendor_unexpected_errors_total\{vendor="ACME"\} 2$/m);
  });
});
