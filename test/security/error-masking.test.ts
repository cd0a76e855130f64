import { ApolloServer } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createErrorFormatter } from '../../src/graphql/errors/format-error.ts';
import { CanaryScanner } from '../support/canary.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { type GraphQLBody, postJson } from './support.ts';

const TOKEN = 'tok_9f8e7d6c5b4a3210';
const IP = '61.127.217.15';

/** Requests whose graphql-js errors would echo the value sent or suggest schema names. */
const PROBES: { name: string; body: unknown }[] = [
  { name: 'misspelt field', body: { query: '{ evnt(signals: {}) { id } }' } },
  { name: 'misspelt argument', body: { query: '{ event(signal: {}) { id } }' } },
  {
    name: 'misspelt enum literal',
    body: { query: '{ event(signals: {}) { riskLabels(minSeverity: HIGHH) { code } } }' },
  },
  {
    name: 'misspelt enum variable',
    body: {
      query: 'query($m: Severity) { event(signals: {}) { riskLabels(minSeverity: $m) { code } } }',
      variables: { m: TOKEN },
    },
  },
  {
    name: 'unknown input field holding a token',
    body: {
      query: 'query($s: SignalsInput!) { event(signals: $s) { id } }',
      variables: { s: { fingerprintEventld: TOKEN } },
    },
  },
  {
    name: 'unknown input field named like a token',
    body: { query: 'query($s: SignalsInput!) { event(signals: $s) { id } }', variables: { s: { [TOKEN]: 1 } } },
  },
  {
    name: 'object where a string goes',
    body: {
      query: 'query($s: SignalsInput!) { event(signals: $s) { id } }',
      variables: { s: { ip: { address: IP, token: TOKEN } } },
    },
  },
  {
    name: 'literal object where a string goes',
    body: { query: `{ event(signals: {ip: {a: "${IP}", b: "${TOKEN}"}}) { id } }` },
  },
  {
    name: 'literal number where an ID goes',
    body: { query: `{ event(signals: {fingerprintEventId: 1.5e300}) { id } }` },
  },
  {
    name: 'wrong list item',
    body: { query: 'query($s: [SignalsInput!]!) { events(signals: $s) { id } }', variables: { s: [{}, TOKEN] } },
  },
  {
    name: 'int out of range',
    body: { query: `{ device(id: "fingerprint:a") { recentEvents(first: 99999999999) { id } } }` },
  },
  { name: 'unknown operation name', body: { query: 'query A { __typename }', operationName: TOKEN } },
  { name: 'leaf without selection', body: { query: '{ event(signals: {}) }' } },
];

function messagesOf(body: GraphQLBody): string {
  return (body.errors ?? []).map((error) => error.message).join('\n');
}

describe('client error messages', () => {
  let production: Harness;
  let development: Harness;
  beforeAll(async () => {
    production = await startHarness({ NODE_ENV: 'production' });
    development = await startHarness({ NODE_ENV: 'development' });
  });
  afterAll(async () => {
    await production.close();
    await development.close();
  });

  it('never echo a value the client sent, in any environment', async () => {
    for (const harness of [production, development]) {
      for (const probe of PROBES) {
        const response = await postJson(harness.app.url, probe.body);
        const body = response.json();
        expect(body.errors?.length, probe.name).toBeGreaterThan(0);
        expect(response.status, probe.name).toBeLessThan(500);
        expect(response.text, probe.name).not.toContain(TOKEN);
        expect(response.text, probe.name).not.toContain(IP);
        expect(response.text, probe.name).not.toMatch(/stacktrace|\n\s+at /);
      }
    }
  });

  it('carry no "Did you mean" schema hints in production, and keep them in development', async () => {
    const hints = async (harness: Harness) => {
      const texts = await Promise.all(
        PROBES.map(async (probe) => messagesOf((await postJson(harness.app.url, probe.body)).json())),
      );
      return texts.join('\n');
    };
    expect(await hints(production)).not.toMatch(/did you mean/i);
    const developmentText = await hints(development);
    expect(developmentText).toMatch(/Did you mean "event"/);
    expect(developmentText).toContain('Cannot query field "evnt" on type "Query".');
  });

  it('still say what is wrong and where', async () => {
    const response = await postJson(production.app.url, PROBES[6]?.body);
    expect(response.json().errors?.[0]).toMatchObject({
      message: 'Variable "$s" got an invalid value at "s.ip"; String cannot represent a non string value.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const literal = await postJson(production.app.url, PROBES[7]?.body);
    expect(literal.json().errors?.[0]?.message).toBe('String cannot represent a non string value.');
    const enumValue = await postJson(production.app.url, PROBES[3]?.body);
    expect(enumValue.json().errors?.[0]?.message).toBe(
      'Variable "$m" got an invalid value; Value does not exist in "Severity" enum.',
    );
  });
});

describe('the error formatter', () => {
  const scanner = new CanaryScanner([]);
  const format = createErrorFormatter(scanner.logger, { schemaSuggestions: false });

  it('masks unexpected errors and logs their detail', () => {
    const internal = new Error('connect ECONNREFUSED https://svc:hunter2@vendor.internal.example:8443/v4/events');
    const error = new GraphQLError(internal.message, { originalError: internal, path: ['event', 'ip'] });
    const formatted = format(
      {
        message: error.message,
        path: ['event', 'ip'],
        extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at x'] },
      },
      error,
    );
    expect(formatted).toEqual({
      message: 'Internal server error',
      path: ['event', 'ip'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(scanner.lines.at(-1)).toContain('vendor.internal.example');
    expect(scanner.lines.at(-1)).toContain('"level":"error"');
  });

  it('masks errors with an undocumented code', () => {
    const formatted = format(
      { message: 'secret detail', extensions: { code: 'DOWNSTREAM_SERVICE_ERROR' } },
      new Error('x'),
    );
    expect(formatted).toEqual({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });

  it('lets documented codes through with only the extensions clients may see', () => {
    const formatted = format(
      {
        message: 'Fingerprint: rejected our credentials (HTTP 403)',
        path: ['event', 'fingerprint'],
        extensions: {
          code: 'VENDOR_AUTH_FAILED',
          vendor: 'FINGERPRINT',
          stacktrace: ['Error: x', '    at y (/srv/app.ts:1:1)'],
          exception: { url: 'https://api.fpjs.io' },
          serviceName: 'internal-host',
        },
      },
      new Error('x'),
    );
    expect(formatted).toEqual({
      message: 'Fingerprint: rejected our credentials (HTTP 403)',
      path: ['event', 'fingerprint'],
      extensions: { code: 'VENDOR_AUTH_FAILED', vendor: 'FINGERPRINT' },
    });
  });

  it('masks what a resolver throws, end to end through Apollo Server', async () => {
    const server = new ApolloServer({
      typeDefs: 'type Query { boom: String }',
      resolvers: {
        Query: {
          boom: () => {
            throw new Error(`upstream said: ${'https://user:pass@10.1.2.3/x'}`);
          },
        },
      },
      formatError: format,
      includeStacktraceInErrorResponses: false,
    });
    await server.start();
    const response = await server.executeOperation({ query: '{ boom }' });
    await server.stop();
    expect(response.body).toMatchObject({
      kind: 'single',
      singleResult: { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] },
    });
    expect(JSON.stringify(response.body)).not.toContain('10.1.2.3');
  });
});
