import { printSubgraphSchema } from '@apollo/subgraph';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCUMENTED_ERROR_CODES } from '../../src/graphql/errors/error-codes.ts';
import { createResolvers } from '../../src/graphql/execution/resolvers/index.ts';
import { buildSchema } from '../../src/graphql/schema.ts';
import type { Fault } from '../../src/simulator/index.ts';
import { VENDOR_REGISTRY, VENDORS } from '../../src/vendors/registry.ts';
import { CANARY, CanaryScanner, canaryEnv, SIMULATOR_SECRETS, simulatorCredentialsEnv } from '../support/canary.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { type GraphQLBody, postJson } from './support.ts';

/**
 * Secrets in flight on every error path: the subgraph holds canary credentials (which the
 * simulator rejects with each vendor's real auth error) or the simulator's own (then the
 * simulator injects faults), and every response, error and log line is scanned for the
 * credentials, the tokens and IPs sent, any other IP address, and stack traces.
 */

const QUERY = `query($s: SignalsInput!) { event(signals: $s) {
  id device { id platform } ip { address geolocation { city latitude } vpn } velocity { events { last1h } }
  bot { detected } riskLabels { code source detail } risk { score band action reasons { code } missingSources }
  sources { vendor status errorCode }
  fingerprint { visitorId ipAddress } trustDecision { deviceId detail { ip } } friendlyCaptcha { network { ip } }
  detectIp { score } hitprobe { ipv4 }
} }`;

const SCHEMA_TEXT = printSubgraphSchema(buildSchema(createResolvers({ maxEventsPerQuery: 100 }, VENDOR_REGISTRY)));

let counter = 0;
/** Fresh tokens for every vendor (so caches never answer) and the IP the backend saw. */
function freshSignals() {
  counter += 1;
  const n = String(counter).padStart(6, '0');
  return {
    fingerprintEventId: `1700000${n}.cnry${n}`,
    trustDecisionBlackBox: `tdCanaryBlackBox${n}Xq9`,
    friendlyCaptchaToken: `frc-canary-token-${n}`,
    detectIpToken: `botd-canary-token-${n}`,
    hitprobeProbeId: `cnryProbe${n}abcdefg`,
    ip: `203.0.${counter % 250}.${(counter * 7) % 250}`,
  };
}

async function ask(harness: Harness, scanner: CanaryScanner, label: string) {
  const signals = freshSignals();
  scanner.track(Object.values(signals));
  const response = await postJson(harness.app.url, { query: QUERY, variables: { s: signals } });
  const body = response.json();
  // Data may carry IPs and ids (that is the product); errors, and everything, never a secret.
  scanner.inspect(`${label}: response`, response.text);
  scanner.inspect(`${label}: errors`, JSON.stringify(body.errors ?? []), { tokens: true, anyIp: true });
  return { status: response.status, body };
}

function codes(body: GraphQLBody): string[] {
  return (body.errors ?? []).map((error) => String(error.extensions?.['code']));
}

describe('the canary scanner', () => {
  it('finds a secret, a tracked token, a raw IP and a stack trace where they should not be', () => {
    const scanner = new CanaryScanner([CANARY.detectIpApiKey], [SCHEMA_TEXT]);
    scanner.track(['botd-token-that-leaks', 'event']);
    scanner.logger.warn({ headers: { 'x-api-key': CANARY.detectIpApiKey } }, 'redacted by path');
    scanner.logger.warn(`vendor said ${CANARY.detectIpApiKey} for botd-token-that-leaks from 61.127.217.15`);
    scanner.inspect('error', 'Error: boom\n    at handler (/srv/app.ts:10:3)');
    const found = scanner.inspectLogs();
    expect(scanner.lines[0]).toContain('[redacted]');
    expect(found.map((finding) => finding.kind).sort()).toEqual(['ip', 'secret', 'token']);
    expect(scanner.findings.map((finding) => finding.kind)).toContain('stack trace');
    // Words of the schema are not tracked: they occur in every message by design.
    expect(scanner.inspect('x', 'event', { tokens: true })).toEqual([]);
  });
});

describe('canary credentials: every vendor rejects them', () => {
  const scanner = new CanaryScanner([...Object.values(CANARY), ...SIMULATOR_SECRETS], [SCHEMA_TEXT]);
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness(canaryEnv, { logger: scanner.logger });
  });
  afterAll(() => harness.close());

  it('reports VENDOR_AUTH_FAILED (then the open breaker) and leaks nothing', async () => {
    const seen = new Set<string>();
    for (let round = 0; round < 8; round += 1) {
      const { status, body } = await ask(harness, scanner, `auth round ${round}`);
      expect(status).toBe(200);
      for (const code of codes(body)) seen.add(code);
    }
    expect(seen).toContain('VENDOR_AUTH_FAILED');
    for (const code of seen) expect(DOCUMENTED_ERROR_CODES.has(code), code).toBe(true);
    // The canaries did leave: the simulator saw them and said no.
    for (const vendor of VENDORS) expect(harness.simulator.calls(vendor), vendor).toBeGreaterThan(0);
    scanner.inspectLogs();
    expect(scanner.findings).toEqual([]);
  });
});

const FAULTS: { name: string; fault: Fault }[] = [
  { name: 'hang', fault: { kind: 'hang' } },
  { name: '500 with the vendor body', fault: { kind: 'status', status: 500 } },
  { name: '503 with an HTML page', fault: { kind: 'status', status: 503, body: 'html' } },
  { name: '502 empty', fault: { kind: 'status', status: 502, body: 'empty' } },
  { name: '401 (auth failure)', fault: { kind: 'status', status: 401 } },
  { name: '403 (auth failure)', fault: { kind: 'status', status: 403 } },
  { name: '429 with Retry-After', fault: { kind: 'status', status: 429, retryAfter: '1' } },
  { name: '200 HTML', fault: { kind: 'html' } },
  { name: 'garbage bytes', fault: { kind: 'garbage' } },
  { name: 'truncated JSON', fault: { kind: 'truncated' } },
  { name: 'wrong content type', fault: { kind: 'wrongContentType' } },
  { name: 'connection reset', fault: { kind: 'reset' } },
  { name: 'missing required fields', fault: { kind: 'missingRequired' } },
];

describe('simulator credentials: faults on every vendor', () => {
  const scanner = new CanaryScanner(SIMULATOR_SECRETS, [SCHEMA_TEXT]);
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness(
      (simulator) => ({
        ...simulatorCredentialsEnv(simulator),
        // A hung vendor costs the deadline; keep it short so the suite stays fast.
        REQUEST_DEADLINE_MS: '300',
        // Breakers would turn every fault after the fifth into UNAVAILABLE; each fault is tested on its own.
        ...Object.fromEntries(
          ['FINGERPRINT', 'TRUSTDECISION', 'FRIENDLYCAPTCHA', 'DETECTIP', 'HITPROBE'].map((prefix) => [
            `${prefix}_BREAKER_THRESHOLD`,
            '10000',
          ]),
        ),
        FINGERPRINT_RATE_LIMIT_RPS: '0',
      }),
      { logger: scanner.logger },
    );
  });
  afterAll(() => harness.close());

  it('answers normally without faults, and leaks nothing', async () => {
    const { body } = await ask(harness, scanner, 'no fault');
    expect(body.errors).toBeUndefined();
    expect(scanner.findings).toEqual([]);
  });

  for (const { name, fault } of FAULTS) {
    it(`turns "${name}" into documented vendor codes, and leaks nothing`, async () => {
      harness.simulator.clearFaults();
      for (const vendor of VENDORS) harness.simulator.addFault({ vendor, fault });
      try {
        for (let round = 0; round < 2; round += 1) {
          const { status, body } = await ask(harness, scanner, `${name} #${round}`);
          expect(status).toBe(200);
          const found = codes(body);
          if (fault.kind !== 'missingRequired') expect(found.length, name).toBeGreaterThan(0);
          for (const code of found) {
            expect(DOCUMENTED_ERROR_CODES.has(code), code).toBe(true);
            expect(code).not.toBe('INTERNAL_SERVER_ERROR');
          }
          for (const error of body.errors ?? []) {
            expect(error.message).not.toMatch(/<html|<\/|https?:|127\.0\.0\.1|localhost|partner_key|Bearer/i);
          }
        }
      } finally {
        harness.simulator.clearFaults();
      }
      expect(scanner.findings).toEqual([]);
    });
  }

  it('logged nothing secret, personal or internal', () => {
    scanner.inspectLogs();
    expect(scanner.findings).toEqual([]);
    expect(scanner.lines.filter((line) => line.includes('"level":"error"'))).toEqual([]);
  });
});
