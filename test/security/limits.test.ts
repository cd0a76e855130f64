import { getIntrospectionQuery, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.ts';
import { limitExceeded } from '../../src/graphql/guards/query-limits.ts';
import { docExamples, WORKED_POLICY_FILE } from '../support/doc-blocks.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { codesOf, postJson } from './support.ts';

const LIMITS = loadConfig({}).security.limits;

function nested(depth: number): string {
  let selection = 'id';
  // event { device { recentEvents { device { … id } } } }: `depth` fields on the deepest path.
  for (let level = depth - 2; level >= 1; level -= 1) {
    selection = level % 2 === 1 ? `device { ${selection} }` : `recentEvents(first: 1) { ${selection} }`;
  }
  return `{ event(signals: {fingerprintEventId: "1700000000000.depth1"}) { ${selection} } }`;
}

describe('query limits with their defaults', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ RISK_POLICY_FILE: WORKED_POLICY_FILE });
  });
  afterAll(() => harness.close());

  const refused = async (body: unknown, limit: string) => {
    const response = await postJson(harness.app.url, body);
    expect(response.status).toBe(400);
    const error = response.json().errors?.[0];
    expect(error?.extensions).toEqual({ code: 'QUERY_LIMIT_EXCEEDED', limit, max: expect.any(Number) });
    expect(error?.message).toMatch(/^The operation exceeds the limit of /);
    return error;
  };

  it('let every query the docs show through', async () => {
    const queries = docExamples().filter((example) => example.target === 'subgraph');
    expect(queries.length).toBeGreaterThanOrEqual(5);
    for (const { query, variables } of queries) {
      const body = { query, variables };
      const response = await postJson(harness.app.url, body);
      expect(response.json().errors, body.query).toBeUndefined();
      expect(response.status).toBe(200);
    }
  });

  it('let introspection through in development (Apollo Sandbox), whatever its depth', async () => {
    const response = await postJson(harness.app.url, { query: getIntrospectionQuery({ descriptions: true }) });
    expect(response.json().errors).toBeUndefined();
  });

  it('refuse a query deeper than MAX_QUERY_DEPTH and accept one exactly that deep', async () => {
    expect(codesOf((await postJson(harness.app.url, { query: nested(LIMITS.maxDepth) })).json())).not.toContain(
      'QUERY_LIMIT_EXCEEDED',
    );
    expect(await refused({ query: nested(LIMITS.maxDepth + 1) }, 'depth')).toMatchObject({ extensions: { max: 8 } });
  });

  it('count depth through fragments and inline fragments', async () => {
    const query = `
      query { event(signals: {}) { ...D } }
      fragment D on Event { device { recentEvents(first: 1) { ... on Event { device { recentEvents(first: 1) {
        device { recentEvents(first: 1) { device { id } } } } } } } } }`;
    await refused({ query }, 'depth');
  });

  it('refuse more than MAX_ALIASES aliases', async () => {
    const aliases = (count: number) =>
      `{ ${Array.from({ length: count }, (_, index) => `a${index}: __typename`).join(' ')} }`;
    expect((await postJson(harness.app.url, { query: aliases(LIMITS.maxAliases) })).status).toBe(200);
    await refused({ query: aliases(LIMITS.maxAliases + 1) }, 'aliases');
  });

  it('refuse more than MAX_DIRECTIVES directives, fragments expanded', async () => {
    const directives = (count: number) => `{ __typename ${'@skip(if: false) '.repeat(count)} }`;
    expect(
      (await postJson(harness.app.url, { query: directives(LIMITS.maxDirectives) })).json().errors?.[0],
    ).not.toMatchObject({ extensions: { code: 'QUERY_LIMIT_EXCEEDED' } });
    await refused({ query: directives(LIMITS.maxDirectives + 1) }, 'directives');
    const viaFragment = `{ ${'...F '.repeat(3)} } fragment F on Query { __typename ${'@include(if: true) '.repeat(8)} }`;
    await refused({ query: viaFragment }, 'directives');
  });

  it('refuse more than MAX_SELECTIONS selections, counting a fragment once per spread', async () => {
    const fields = 'id time url sources { vendor status } '.repeat(1);
    // 25 spreads of a 7-selection fragment inside 10 aliased events: 10 × (1 + 25 × 8) > 500.
    const events = Array.from({ length: 10 }, (_, index) => `e${index}: event(signals: {}) { ${'...F '.repeat(25)} }`);
    const query = `{ ${events.join(' ')} } fragment F on Event { ${fields} }`;
    await refused({ query }, 'selections');
  });

  it('stop expanding fragment bombs and permutation graphs early', async () => {
    const bomb = ['{ event(signals: {}) { ...F0 } }'];
    for (let level = 0; level < 30; level += 1)
      bomb.push(`fragment F${level} on Event { ...F${level + 1} ...F${level + 1} }`);
    bomb.push('fragment F30 on Event { id }');
    await refused({ query: bomb.join('\n') }, 'selections');

    const names = Array.from({ length: 12 }, (_, index) => `P${index}`);
    const permutations = [
      '{ event(signals: {}) { ...P0 } }',
      ...names.map((name) => `fragment ${name} on Event { ${names.map((other) => `...${other}`).join(' ')} }`),
    ];
    const response = await postJson(harness.app.url, { query: permutations.join('\n') });
    expect(response.status).toBe(400);
    expect(codesOf(response.json())).toContain('GRAPHQL_VALIDATION_FAILED'); // NoFragmentCycles
  });

  it('refuse more than MAX_QUERY_TOKENS tokens while parsing', async () => {
    await refused({ query: `{ ${'__typename '.repeat(LIMITS.maxTokens)} }` }, 'tokens');
  });

  it('refuse queries whose estimated cost exceeds MAX_QUERY_COST before calling any vendor', async () => {
    harness.simulator.resetCalls();
    const query = `query($s: [SignalsInput!]!) { events(signals: $s) { device { recentEvents(first: 100) { risk { score } } } } }`;
    await refused(
      { query, variables: { s: Array.from({ length: 100 }, () => ({ fingerprintEventId: '1.a' })) } },
      'cost',
    );
    await refused(
      {
        query:
          '{ device(id: "fingerprint:x") { recentEvents(first: 100) { device { recentEvents(first: 100) { risk { score } } } } } }',
      },
      'cost',
    );
    // Aliases add up: ten lists of 100 events are a thousand events.
    const aliased = Array.from(
      { length: 10 },
      (_, index) => `e${index}: events(signals: $s) { risk { score } riskLabels { code } }`,
    );
    await refused(
      {
        query: `query($s: [SignalsInput!]!) { ${aliased.join(' ')} }`,
        variables: { s: Array(100).fill({ detectIpToken: 'a' }) },
      },
      'cost',
    );
    // Many cheap vendor fields first (one Event loads its vendors once) must not end the count
    // before the expensive history after them.
    const doubling = Array.from(
      { length: 5 },
      (_, level) => `fragment F${level} on Event { ...F${level + 1} ...F${level + 1} }`,
    );
    await refused(
      {
        query: `{ event(signals: {}) { ...F0 device { recentEvents(first: 100) { device { recentEvents(first: 100) {
          risk { score } } } } } } } ${doubling.join(' ')} fragment F5 on Event { risk { score } }`,
      },
      'cost',
    );
    expect(harness.simulator.calls()).toBe(0);
  });

  it('count what @skip and @include leave out, so a variable cannot slip a large subtree past them', async () => {
    harness.simulator.resetCalls();
    const costly = `query($s: [SignalsInput!]!, $skip: Boolean!) {
      events(signals: $s) @skip(if: $skip) { device { recentEvents(first: 100) { risk { score } } } } }`;
    const signals = Array.from({ length: 100 }, () => ({ fingerprintEventId: '1.a' }));
    await refused({ query: costly, variables: { s: signals, skip: true } }, 'cost');

    const deep = nested(LIMITS.maxDepth + 1).replace('{ device {', '{ id device @include(if: $deep) {');
    await refused({ query: `query($deep: Boolean!) ${deep}`, variables: { deep: false } }, 'depth');

    const bomb = ['query($skip: Boolean!) { event(signals: {}) { id ...F0 @skip(if: $skip) } }'];
    for (let level = 0; level < 30; level += 1)
      bomb.push(`fragment F${level} on Event { ...F${level + 1} ...F${level + 1} }`);
    bomb.push('fragment F30 on Event { id }');
    await refused({ query: bomb.join('\n'), variables: { skip: true } }, 'selections');
    expect(harness.simulator.calls()).toBe(0);
  });

  it('accept a review queue of 100 events selecting every unified field', async () => {
    const query = `query($s: [SignalsInput!]!) { events(signals: $s) {
      id time device { id platform } ip { address geolocation { city country { code } } vpn tor }
      velocity { events { last1h } } riskLabels { code severity source } risk { score band action reasons { code } }
      sources { vendor status errorCode } } }`;
    const signals = Array.from({ length: 100 }, (_, index) => ({ detectIpToken: `queue-token-${index}` }));
    const response = await postJson(harness.app.url, { query, variables: { s: signals } });
    expect(response.json().errors).toBeUndefined();
  });

  it('turn batched requests away', async () => {
    const response = await postJson(harness.app.url, [{ query: '{ __typename }' }, { query: '{ __typename }' }]);
    expect(response.status).toBe(400);
    expect(codesOf(response.json())).toEqual(['BAD_REQUEST']);
  });

  it('recognise graphql-js’s own token-limit message', () => {
    let message = '';
    try {
      parse('{ a b c d e }', { maxTokens: 3 });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(limitExceeded({ message, extensions: { code: 'GRAPHQL_PARSE_FAILED' } }, LIMITS)).toEqual({
      limit: 'tokens',
      max: LIMITS.maxTokens,
    });
  });
});

describe('query limits are configurable', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({
      MAX_QUERY_DEPTH: '2',
      MAX_ALIASES: '0',
      MAX_BODY_BYTES: '4096',
      NODE_ENV: 'production',
    });
  });
  afterAll(() => harness.close());

  it('apply the configured values', async () => {
    const deep = await postJson(harness.app.url, { query: '{ event(signals: {}) { device { id } } }' });
    expect(deep.json().errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'depth', max: 2 });
    const alias = await postJson(harness.app.url, { query: '{ a: __typename }' });
    expect(alias.json().errors?.[0]?.extensions).toMatchObject({ limit: 'aliases', max: 0 });
  });

  it('cap the request body at MAX_BODY_BYTES', async () => {
    const response = await postJson(harness.app.url, { query: `{ __typename }`, variables: { pad: 'x'.repeat(5000) } });
    expect(response.status).toBe(413);
    expect(codesOf(response.json())).toEqual(['PAYLOAD_TOO_LARGE']);
  });

  it('refuse introspection in production', async () => {
    const response = await postJson(harness.app.url, { query: '{ __schema { types { name } } }' });
    expect(response.status).toBe(400);
    expect(codesOf(response.json())).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });
});
