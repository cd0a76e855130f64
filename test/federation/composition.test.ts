import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SUBGRAPH_SDL_PATH } from '../../src/graphql/subgraph-sdl.ts';
import { ORDERS_SDL } from './support/orders.ts';
import { composeSupergraph } from './support/supergraph.ts';
import { USERS_SDL } from './support/users.ts';

/** Our published SDL next to the two subgraphs that store our ids, as GraphOS would compose them. */
function compose() {
  return composeSupergraph([
    { name: 'device-intelligence', url: 'http://127.0.0.1:4001/graphql', sdl: readFileSync(SUBGRAPH_SDL_PATH, 'utf8') },
    { name: 'users', url: 'http://127.0.0.1:4002/', sdl: USERS_SDL },
    { name: 'orders', url: 'http://127.0.0.1:4003/', sdl: ORDERS_SDL },
  ]);
}

/** The block of the supergraph SDL that defines `type` (up to its closing brace). */
function definition(supergraphSdl: string, type: string): string {
  const start = supergraphSdl.search(new RegExp(`^(type|enum|input) ${type}\\b`, 'm'));
  expect(start, `${type} is in the supergraph`).toBeGreaterThanOrEqual(0);
  return supergraphSdl.slice(start, supergraphSdl.indexOf('\n}', start) + 2);
}

describe('composition with users and orders subgraphs', () => {
  it('composes without errors, and the only hint is the expected one', () => {
    const { hints } = compose();
    // Reviewed: every subgraph using Apollo Server cache hints declares `CacheControlScope` for
    // its `@cacheControl` directive, which composition drops, leaving the enum unused. It is
    // `@inaccessible` everywhere, so it never reaches the API schema (checked through the gateway).
    expect(hints).toEqual([
      { code: 'UNUSED_ENUM_TYPE', message: expect.stringContaining('"CacheControlScope" is defined but unused') },
    ]);
  });

  it('makes this subgraph the one that resolves Event and Device; the others hold stubs', () => {
    const { supergraphSdl } = compose();
    expect(definition(supergraphSdl, 'Event')).toContain('@join__type(graph: DEVICE_INTELLIGENCE, key: "id")');
    expect(definition(supergraphSdl, 'Event')).toContain('@join__type(graph: ORDERS, key: "id", resolvable: false)');
    expect(definition(supergraphSdl, 'Device')).toContain('@join__type(graph: DEVICE_INTELLIGENCE, key: "id")');
    expect(definition(supergraphSdl, 'Device')).toContain('@join__type(graph: USERS, key: "id", resolvable: false)');
    expect(definition(supergraphSdl, 'Order')).toMatch(/event: Event\n/);
    expect(definition(supergraphSdl, 'User')).toMatch(/devices: \[Device!\]! @listSize\(assumedSize: 4\)/);
  });

  it('carries the demand-control hints into the supergraph for the router', () => {
    const { supergraphSdl } = compose();
    expect(supergraphSdl).toContain('@link(url: "https://specs.apollo.dev/cost/v0.1"');
    const event = definition(supergraphSdl, 'Event');
    expect(event).toMatch(
      /risk\([\s\S]*?\): RiskAssessment @join__field\(graph: DEVICE_INTELLIGENCE\) @cost\(weight: 33\)/,
    );
    expect(event).toMatch(/hitprobe: HitprobeDevice @join__field\(graph: DEVICE_INTELLIGENCE\) @cost\(weight: 10\)/);
    expect(event).toMatch(/riskLabels\([^)]*\): \[RiskLabel!\]! @join__field\(graph: DEVICE_INTELLIGENCE\) @listSize/s);
    // A device reference from `users` is priced as the Fingerprint search that resolves it.
    expect(definition(supergraphSdl, 'Device')).toContain('@cost(weight: 5)');
  });

  it('carries the scope a router requires before sending outcomes to vendors', () => {
    const { supergraphSdl } = compose();
    expect(supergraphSdl).toContain('@link(url: "https://specs.apollo.dev/requiresScopes/v0.1", for: SECURITY)');
    expect(definition(supergraphSdl, 'Mutation')).toMatch(
      /reportOutcome\([\s\S]*?\): ReportOutcomePayload! @requiresScopes\(scopes: \[\["risk:feedback"\]\]\)/,
    );
    // The feedback scope guards the write only: reading verdicts does not need it.
    expect(supergraphSdl.match(/"risk:feedback"/g)).toHaveLength(1);
  });

  it('carries the contract tags, and drops the cache directive', () => {
    const { supergraphSdl } = compose();
    expect(definition(supergraphSdl, 'FingerprintEvent')).toMatch(/raw: JSON .*@tag\(name: "internal"\)/);
    expect(definition(supergraphSdl, 'IpInfo')).toMatch(/address: String .*@tag\(name: "pii"\)/);
    expect(definition(supergraphSdl, 'Device')).toMatch(/id: ID! @tag\(name: "pii"\)/);
    expect(supergraphSdl).not.toMatch(/@cacheControl\(/);
    expect(definition(supergraphSdl, 'CacheControlScope')).toContain('@inaccessible');
  });
});
