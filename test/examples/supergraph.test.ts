import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_QUERY, instructions } from '../../examples/supergraph/query.ts';
import { type RunningSupergraph, startSupergraph } from '../../examples/supergraph/supergraph.ts';
import { USERS } from '../../examples/supergraph/users-subgraph.ts';
import { encodeEventId } from '../../src/signals/event-id.ts';
import { fetchText } from '../operations/support.ts';
import { LAYOUT } from '../support/signals.ts';

describe('examples/supergraph (npm run example:supergraph)', () => {
  let supergraph: RunningSupergraph;
  beforeAll(async () => {
    supergraph = await startSupergraph({
      host: '127.0.0.1',
      gatewayPort: 0,
      subgraphPort: 0,
      usersPort: 0,
      logLevel: 'silent',
    });
  });
  afterAll(() => supergraph.close());

  it('answers the printed query through the gateway, joining users with device intelligence', async () => {
    const answer = await fetchText(supergraph.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: EXAMPLE_QUERY }),
    });
    expect(answer.status).toBe(200);
    const body = answer.json<{ data: { user: Record<string, unknown> }; errors?: unknown }>();
    expect(body.errors).toBeUndefined();
    expect(body.data.user).toMatchObject({
      name: 'Ada',
      devices: [
        {
          id: 'fingerprint:Ibk1527CUFmcnjLwIs4A9',
          platform: 'WEB',
          browserName: 'Chrome',
          recentEvents: expect.arrayContaining([
            expect.objectContaining({ ip: expect.objectContaining({ address: '61.127.217.15' }) }),
          ]),
        },
      ],
      lastLogin: {
        ip: { address: '61.127.217.15', proxy: { result: true } },
        risk: { action: 'ALLOW', reasons: expect.arrayContaining([expect.objectContaining({ code: 'PROXY' })]) },
        sources: [
          expect.objectContaining({ vendor: 'FINGERPRINT', status: 'OK' }),
          expect.objectContaining({ vendor: 'DETECTIP', status: 'OK' }),
        ],
      },
    });
  });

  it('prints the query, the gateway URL and a curl command that sends exactly that query', () => {
    const printed = instructions(supergraph.gatewayUrl, supergraph.subgraphs);
    expect(printed).toContain(EXAMPLE_QUERY);
    const curl = printed.split('\n').find((line) => line.startsWith('curl '));
    expect(curl).toContain(supergraph.gatewayUrl);
    const body = JSON.parse(/-d '(.*)'$/.exec(curl ?? '')?.[1] ?? '{}') as { query?: string };
    expect(body.query?.replace(/\s+/g, '')).toBe(EXAMPLE_QUERY.replace(/\s+/g, ''));
  });

  it("stores the Event id the subgraph issues for the demo sign-in's signals", () => {
    expect(USERS[0]?.lastLoginEventId).toBe(
      encodeEventId({ fingerprintEventId: '1708102555327.NLOjmg', detectIpToken: 'cleanweb-ada-0001' }, LAYOUT),
    );
  });
});
