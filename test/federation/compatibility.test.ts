import { readFileSync } from 'node:fs';
import { printSubgraphSchema } from '@apollo/subgraph';
import { Trace } from '@apollo/usage-reporting-protobuf';
import { buildASTSchema, lexicographicSortSchema, parse, stripIgnoredCharacters } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUBGRAPH_SDL_PATH } from '../../src/graphql/subgraph-sdl.ts';
import { type Harness, startHarness } from '../support/harness.ts';

/**
 * The checks of Apollo's subgraph compatibility suite
 * (apollographql/apollo-federation-subgraph-compatibility) that apply to this subgraph, ported to
 * vitest because the suite's CLI downloads Rover and router binaries. Not ported: `@requires`,
 * `@provides`, `@external`, `@override`, `@interfaceObject`, `@composeDirective` and
 * `@shareable`, which this subgraph does not use.
 */

const FEDERATION_IMPORTS = ['@key', '@shareable', '@tag', '@inaccessible', '@cost', '@listSize', '@requiresScopes'];

function decode(extensions: Record<string, unknown> | undefined): Trace {
  return Trace.decode(Buffer.from(String(extensions?.['ftv1']), 'base64'));
}

/** A schema's SDL in a canonical form (sorted, one printer), to compare two printings of one schema. */
function canonical(sdl: string): string {
  return printSubgraphSchema(lexicographicSortSchema(buildASTSchema(parse(sdl), { assumeValidSDL: true })));
}

describe('subgraph compatibility checks', () => {
  let harness: Harness;
  let sdl: string;
  beforeAll(async () => {
    harness = await startHarness();
    const response = await harness.query<{ _service: { sdl: string } }>('query { _service { sdl } }');
    sdl = response.data?._service.sdl ?? '';
  });
  afterAll(() => harness.close());

  it('_service { sdl } describes exactly the schema that is published (introspection)', () => {
    expect(sdl).toContain('type Query');
    expect(canonical(sdl)).toBe(canonical(readFileSync(SUBGRAPH_SDL_PATH, 'utf8')));
  });

  it('@link: one federation spec link, v2.9, importing only what the schema uses', () => {
    const links = [
      ...sdl.matchAll(/@link\(\s*url\s*:\s*"https:\/\/specs\.apollo\.dev\/federation\/v([\d.]+)"[^)]*\)/g),
    ];
    expect(links).toHaveLength(1);
    const [link] = links;
    expect(link?.[1]).toBe('2.9');
    const imports = /import\s*:\s*(\[[^\]]*\])/.exec(link?.[0] ?? '')?.[1];
    expect(JSON.parse(imports ?? '[]')).toEqual(FEDERATION_IMPORTS);
  });

  it('@key: Event and Device declare a single-field key on id', () => {
    const normalized = stripIgnoredCharacters(sdl);
    expect(normalized).toMatch(/type Event(@key|@federation__key)\(fields:"id"( resolvable:true)?\)/);
    expect(normalized).toMatch(/type Device(@key|@federation__key)\(fields:"id"( resolvable:true)?\)/);
  });

  it('_entities resolves every key', async () => {
    const issued = await harness.query<{ event: { id: string } }>(
      '{ event(signals: {fingerprintEventId: "1708102555327.NLOjmg"}) { id } }',
    );
    const eventId = issued.data?.event.id;
    const response = await harness.query(
      `query ($representations: [_Any!]!) {
        _entities(representations: $representations) {
          ... on Event { id time }
          ... on Device { id browserName }
        }
      }`,
      {
        representations: [
          { __typename: 'Event', id: eventId },
          { __typename: 'Device', id: 'fingerprint:Ibk1527CUFmcnjLwIs4A9' },
        ],
      },
    );
    expect(response).toMatchObject({
      data: {
        _entities: [
          { id: eventId, time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) },
          { id: 'fingerprint:Ibk1527CUFmcnjLwIs4A9', browserName: 'Chrome' },
        ],
      },
    });
    expect(response.errors).toBeUndefined();
  });

  it('@tag: applied in the SDL under its imported name', () => {
    const normalized = stripIgnoredCharacters(sdl);
    expect(normalized).toContain('@tag(name:"internal")');
    expect(normalized).toContain('@tag(name:"pii")');
  });

  it('@inaccessible: applied in the SDL under its imported name', () => {
    const normalized = stripIgnoredCharacters(sdl);
    expect(normalized).not.toContain('@federation__inaccessible');
    expect(normalized).toContain('enum CacheControlScope@inaccessible');
  });

  it('ftv1: returns an inline trace when the router asks for one, and only then', async () => {
    const traced = await harness.query('query { __typename }', undefined, {
      'apollo-federation-include-trace': 'ftv1',
    });
    expect(traced).toMatchObject({ data: { __typename: 'Query' }, extensions: { ftv1: expect.any(String) } });
    expect(Number(decode(traced.extensions).durationNs)).toBeGreaterThan(0);

    // A trace the router can use: one node per resolved field, with timings.
    const resolved = await harness.query('{ device(id: "hitprobe:ctwCYFyAUteNpsBgAw7xYL") { id } }', undefined, {
      'apollo-federation-include-trace': 'ftv1',
    });
    const [device] = decode(resolved.extensions).root?.child ?? [];
    expect(device?.responseName).toBe('device');
    expect(device?.child?.map((node) => node.responseName)).toEqual(['id']);

    const untraced = await harness.query('query { __typename }');
    expect(untraced.extensions).toBeUndefined();
  });
});
