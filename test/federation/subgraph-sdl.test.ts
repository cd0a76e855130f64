import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { renderSubgraphSdl, SUBGRAPH_SDL_PATH } from '../../src/graphql/subgraph-sdl.ts';

describe('committed subgraph SDL (src/generated/subgraph.graphql)', () => {
  const committed = readFileSync(SUBGRAPH_SDL_PATH, 'utf8');

  it('is what schema/ prints today', () => {
    // Not `toBe`: a 45 KB diff helps nobody; the message says what to do.
    expect(
      committed === renderSubgraphSdl(),
      'src/generated/subgraph.graphql is stale: run `npm run schema:print` and commit the result',
    ).toBe(true);
  });

  it('is valid SDL carrying what a registry and a router need', () => {
    expect(parse(committed).definitions.length).toBeGreaterThan(0);
    for (const needle of [
      '@link(url: "https://specs.apollo.dev/federation/v2.9"',
      'type Event @key(fields: "id")',
      'type Device @key(fields: "id")',
      '@cost(weight: 33)',
      '@listSize(',
      '@tag(name: "pii")',
      '@tag(name: "internal")',
      '@cacheControl(',
    ]) {
      expect(committed).toContain(needle);
    }
  });
});
