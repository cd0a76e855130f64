import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SENSITIVE_HEADERS, SENSITIVE_KEYS } from '../../src/logger.ts';
import { captureLogs, type ObservedApp, startObservedApp } from './support.ts';

const SIGNALS = {
  fingerprintEventId: '1708102555327.NLOjmg',
  trustDecisionBlackBox: 'rGPGX1678775227I9NCwcuVJCb',
  friendlyCaptchaToken: 'frc-logging-token-0001',
  detectIpToken: 'botd-logging-token-0001',
  hitprobeProbeId: 'ctwCYFyAUteNpsBgAw7xYL',
  ip: '203.0.113.77',
};
const QUERY = `query LoginCheck($signals: SignalsInput!) {
  event(signals: $signals) { device { id } ip { address } bot { score } risk { action } }
}`;

describe('request logs', () => {
  let observed: ObservedApp;
  beforeAll(async () => {
    observed = await startObservedApp();
  });
  afterAll(() => observed.close());
  beforeEach(() => {
    observed.simulator.clearFaults();
  });

  const requestLines = () => observed.logs.lines().filter((line) => line.msg === 'graphql request');

  it('writes one line per request with id, operation, status, outcome, duration and vendor outcomes', async () => {
    observed.simulator.addFault({ vendor: 'DETECTIP', fault: { kind: 'status', status: 503 } });
    const before = requestLines().length;
    const answer = await observed.graphql(QUERY, { signals: SIGNALS }, { 'x-request-id': 'req-login-42' });
    expect(answer.headers['x-request-id']).toBe('req-login-42');

    const lines = requestLines().slice(before);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'info',
      requestId: 'req-login-42',
      operationType: 'query',
      operationName: 'LoginCheck',
      status: 200,
      outcome: 'partial',
      durationMs: expect.any(Number),
      vendors: {
        FINGERPRINT: { lookups: 1, cached: 0, statuses: { OK: 1 } },
        DETECTIP: { lookups: 1, statuses: { UNAVAILABLE: 1 } },
      },
      errorCodes: ['VENDOR_UNAVAILABLE'],
    });
  });

  it('never logs variables, tokens, IPs, headers, query text or representations', async () => {
    await observed.graphql(
      QUERY,
      { signals: SIGNALS },
      {
        authorization: 'Bearer secret-bearer-value',
        cookie: 'botd_token=cookie-secret-value',
        'x-forwarded-for': '198.51.100.23',
      },
    );
    await observed.graphql(
      `query Entities($representations: [_Any!]!) { _entities(representations: $representations) { ... on Device { id } } }`,
      {
        representations: [{ __typename: 'Device', id: 'fingerprint:Ibk1527CUFmcnjLwIs4A9' }],
      },
    );
    const text = observed.logs.text();
    expect(text).toContain('"operationName":"Entities"');
    for (const secret of [
      ...Object.values(SIGNALS),
      'secret-bearer-value',
      'cookie-secret-value',
      '198.51.100.23',
      '127.0.0.1"', // the client address
      'event(signals',
      'representations',
      'fingerprint:Ibk1527CUFmcnjLwIs4A9',
    ]) {
      expect(text, secret).not.toContain(secret);
    }
  });

  it('replaces an unsafe or oversized x-request-id with a generated one', async () => {
    for (const unsafe of ['has spaces and "quotes"', 'x'.repeat(65), '{"forged":"json"}']) {
      const before = requestLines().length;
      const answer = await observed.graphql('{ __typename }', undefined, { 'x-request-id': unsafe });
      const generated = answer.headers['x-request-id'];
      expect(generated).toMatch(/^[0-9a-f-]{36}$/);
      expect(requestLines().slice(before)).toMatchObject([{ requestId: generated, outcome: 'ok' }]);
    }
  });

  it('logs refused requests too, as errors with no operation', async () => {
    const before = requestLines().length;
    await observed.graphql('{ event(', undefined);
    expect(requestLines().slice(before)).toMatchObject([{ status: 400, outcome: 'error', operationType: 'none' }]);
  });
});

describe('logger redaction (second line of defence)', () => {
  it('censors secrets and personal data by path wherever a caller logs them', () => {
    const logs = captureLogs();
    logs.logger.info(
      {
        req: { headers: { authorization: 'Bearer a1', cookie: 'c1', 'x-router-secret': 'r1' } },
        vendor: { apiKey: 'k1', secretKey: 's1', partnerKey: 'p1', token: 't1', ip: '192.0.2.1' },
        request: { variables: { any: 'v1' }, signals: { detectIpToken: 'd1' } },
      },
      'something happened',
    );
    const text = logs.text();
    for (const value of ['a1', 'c1', 'r1', 'k1', 's1', 'p1', 't1', '192.0.2.1', 'v1', 'd1']) {
      expect(text).not.toContain(`"${value}"`);
    }
    expect(text).toContain('[redacted]');
    expect(SENSITIVE_KEYS.length + SENSITIVE_HEADERS.length).toBeGreaterThan(0);
  });

  it('honours the level (LOG_LEVEL)', () => {
    const logs = captureLogs('warn');
    logs.logger.info('not written');
    logs.logger.warn('written');
    expect(logs.lines().map((line) => line.msg)).toEqual(['written']);
  });
});
