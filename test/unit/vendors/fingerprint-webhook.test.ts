import { createHmac } from 'node:crypto';
import { isValidWebhookSignature } from '@fingerprint/node-sdk';
import { afterAll, describe, expect, it } from 'vitest';
import { signatureHeader } from '../../../src/simulator/vendors/fingerprint/webhook.ts';
import { FingerprintClient } from '../../../src/vendors/fingerprint/client.ts';
import { normalizeV3 } from '../../../src/vendors/fingerprint/map-v3.ts';
import { buildFingerprintReport } from '../../../src/vendors/fingerprint/report.ts';
import { v3EventSchema } from '../../../src/vendors/fingerprint/schema.ts';
import { hmacSha256Matches, WebhookBodyError } from '../../../src/vendors/webhook.ts';
import { fixture } from '../../support/fixtures.ts';

/**
 * Fingerprint webhook deliveries as the connector receives them: the `FPJS-Event-Signature` check
 * (https://dev.fingerprint.com/docs/webhooks-security) and the reading of both body versions. The
 * fixtures are ours, shaped like the vendor's examples in its OpenAPI repository
 * (fingerprintjs/fingerprint-pro-server-api-openapi): `webhook-v4-event.json` mirrors
 * `schemas/paths/examples/webhook/webhook_event.json` (the v4 event), `webhook-v3-legacy.json`
 * mirrors `schemas/paths/examples/webhook.json` (the legacy, flattened v3 event).
 */

const NEWEST = 'whsec_new_4b1f0c7e9a2d5c81';
const PREVIOUS = 'whsec_old_91e3a6d05c7b3f42';
const RETIRED = 'whsec_retired_0a9b8c7d6e5f';

const client = new FingerprintClient({
  connections: 1,
  maxResponseBytes: 1024 * 1024,
  socketTimeoutMs: 1000,
  cacheTtlMs: 86_400_000,
  apiUrl: 'http://127.0.0.1:9',
  apiKey: 'never-used',
  apiVersion: 'v4',
  webhook: { secrets: [NEWEST, PREVIOUS], maxAgeMs: 300_000 },
});
afterAll(() => client.close());
const receiver = client.webhook!;

const body = Buffer.from(JSON.stringify(fixture('fingerprint/webhook-v4-event.json')));
const hex = (secret: string, data: Buffer = body) => createHmac('sha256', secret).update(data).digest('hex');
const verify = (header: string | string[] | undefined, data: Buffer = body) =>
  receiver.verify(header === undefined ? {} : { 'fpjs-event-signature': header }, data);

describe('FPJS-Event-Signature', () => {
  it('accepts the HMAC-SHA256 of the raw body under any configured secret, newest or previous (rotation)', () => {
    expect(verify(`v1=${hex(NEWEST)}`)).toBe('valid');
    expect(verify(`v1=${hex(PREVIOUS)}`)).toBe('valid');
    expect(verify(`v1=${hex(RETIRED)}`)).toBe('invalid');
  });

  it('accepts a header with several signatures when one of them matches, whatever its position', () => {
    const wrong = `v1=${hex(RETIRED)}`;
    expect(verify(`${wrong},v1=${hex(PREVIOUS)}`)).toBe('valid');
    expect(verify(`v1=${hex(NEWEST)}, ${wrong}`)).toBe('valid');
    expect(verify(` v1=${hex(NEWEST)} , v1=${hex(PREVIOUS)} `)).toBe('valid');
    expect(verify(signatureHeader(body, [RETIRED, PREVIOUS]))).toBe('valid');
    // Repeated headers arrive as one list.
    expect(verify([wrong, `v1=${hex(NEWEST)}`])).toBe('valid');
  });

  it('reads only v1 signatures', () => {
    expect(verify(`v2=${hex(NEWEST)}`)).toBe('invalid');
    expect(verify(`v2=${hex(RETIRED)},v1=${hex(NEWEST)}`)).toBe('valid');
    expect(verify(`V1=${hex(NEWEST)}`)).toBe('invalid');
    expect(verify(hex(NEWEST))).toBe('invalid');
  });

  it('refuses a tampered body: one changed byte, an added space, a re-serialized copy', () => {
    const header = `v1=${hex(NEWEST)}`;
    const flipped = Buffer.from(body);
    flipped[10] = (flipped[10] ?? 0) ^ 1;
    expect(verify(header, flipped)).toBe('invalid');
    expect(verify(header, Buffer.concat([body, Buffer.from(' ')]))).toBe('invalid');
    const reserialized = Buffer.from(JSON.stringify(JSON.parse(body.toString()), null, 2));
    expect(verify(header, reserialized)).toBe('invalid');
  });

  it('tells a missing header from a wrong one', () => {
    expect(verify(undefined)).toBe('missing');
    expect(verify('')).toBe('missing');
    expect(verify('   ')).toBe('missing');
    expect(verify('v1=')).toBe('invalid');
  });

  it('refuses malformed hex without throwing: wrong length, odd length, non-hex, empty, separators only', () => {
    const good = hex(NEWEST);
    for (const header of [
      `v1=${good.slice(0, 63)}`,
      `v1=${good}0`,
      `v1=${good}00`,
      `v1=${good.slice(0, 62)}zz`,
      `v1=${'g'.repeat(64)}`,
      `v1=${good.slice(0, 32)}`,
      'v1=%%%',
      'v1==',
      ',,,',
      '=',
      `v1=${good}=extra`,
      `v1=${Buffer.from(good, 'hex').toString('base64')}`,
    ]) {
      expect(() => verify(header), header).not.toThrow();
      expect(verify(header), header).toBe('invalid');
    }
    expect(verify(`v1=${good.toUpperCase()}`)).toBe('valid'); // hex is case-insensitive
  });

  it('compares a bounded number of signatures', () => {
    const many = Array.from({ length: 16 }, () => `v1=${hex(RETIRED)}`);
    expect(verify([...many.slice(0, 15), `v1=${hex(NEWEST)}`].join(','))).toBe('valid');
    expect(verify([...many, `v1=${hex(NEWEST)}`].join(','))).toBe('invalid');
  });

  it('agrees with the vendor SDK on what the vendor signs (the SDK compares with ===, we in constant time)', () => {
    for (const secret of [NEWEST, PREVIOUS, RETIRED]) {
      const header = signatureHeader(body, [secret]);
      expect(isValidWebhookSignature({ header, data: body, secret })).toBe(true);
      expect(verify(header)).toBe(secret === RETIRED ? 'invalid' : 'valid');
    }
  });

  it('hmacSha256Matches: no secret, no signature or a foreign digest never match', () => {
    expect(hmacSha256Matches(body, [], [hex(NEWEST)])).toBe(false);
    expect(hmacSha256Matches(body, [NEWEST], [])).toBe(false);
    expect(hmacSha256Matches(body, [NEWEST], [createHmac('sha256', NEWEST).update('other').digest('hex')])).toBe(false);
  });
});

describe('reading a v4 webhook (the event of GET /v4/events)', () => {
  const event = fixture('fingerprint/webhook-v4-event.json') as Record<string, unknown>;

  it('yields its id, timestamp, the signals of a query for it, and the report a lookup maps', () => {
    const pushed = receiver.read(event);
    expect(pushed).toMatchObject({
      id: '1764506400123.Qw7PzK',
      timestampMs: 1764506400123,
      signals: { fingerprintEventId: '1764506400123.Qw7PzK' },
    });
    const { report } = pushed;
    expect(report.view).toMatchObject({ eventId: '1764506400123.Qw7PzK', origin: 'API_V4', incognito: true });
    expect(report.device).toMatchObject({
      id: 'fingerprint:Xq93LmTTa0pVe2Rk7sHd',
      platform: 'WEB',
      browserName: 'Firefox',
      language: 'pt-PT',
      screenResolution: '2560x1440',
    });
    expect(report.ip).toMatchObject({
      address: '203.0.113.54',
      geolocation: { city: 'Lisbon', country: { code: 'PT', name: 'Portugal' } },
      asn: { number: '3243', name: 'MEO-RESIDENCIAL' },
      proxy: { result: true, type: 'RESIDENTIAL', confidence: 'MEDIUM', provider: 'ExampleProxyNet' },
    });
    expect(report.labels.map((label) => label.code).sort()).toEqual(['INCOGNITO', 'PROXY']);
    // Every member of the vendor's webhook example is a documented field: no drift.
    expect(report.drift).toEqual([]);
  });

  it('leaves out what only a webhook carries (the rules that triggered it): the report is the lookup’s', () => {
    const triggered = { ...event, triggered_by: [{ id: 'rule-1', name: 'EU logins', description: 'all EU logins' }] };
    expect(receiver.read(triggered).report).toEqual(receiver.read(event).report);
    expect(JSON.stringify(receiver.read(triggered).report.view.raw)).not.toContain('triggered_by');
  });

  it('refuses bodies that are not an event, without quoting them', () => {
    const refusals: [unknown, RegExp][] = [
      [[event], /not a JSON object/],
      ['1764506400123.Qw7PzK', /not a JSON object/],
      [null, /not a JSON object/],
      [{ products: {} }, /neither a v4 event/],
      [{ event_id: 42, timestamp: 1 }, /neither a v4 event/],
      [{ ...event, timestamp: undefined }, /timestamp/],
      [{ ...event, timestamp: '1764506400123' }, /timestamp/],
      [{ ...event, timestamp: -5 }, /timestamp/],
      [{ ...event, timestamp: 1.5 }, /timestamp/],
    ];
    for (const [value, message] of refusals) {
      expect(() => receiver.read(value), JSON.stringify(value).slice(0, 40)).toThrow(WebhookBodyError);
      expect(() => receiver.read(value)).toThrow(message);
    }
  });
});

describe('reading a legacy (v3) webhook: the v3 event flattened', () => {
  const legacy = fixture('fingerprint/webhook-v3-legacy.json') as Record<string, unknown>;

  it('maps identification, bot, IP data and Smart Signals as a v3 lookup would', () => {
    const pushed = receiver.read(legacy);
    expect(pushed).toMatchObject({
      id: '1764506412345.hB4xLs',
      timestampMs: 1764506412345,
      signals: { fingerprintEventId: '1764506412345.hB4xLs' },
    });
    const { report } = pushed;
    expect(report.view).toMatchObject({
      origin: 'API_V3',
      visitorId: 'Tk5qWv82NsLpRa0Ex4Yz',
      bot: 'BAD',
      botType: 'puppeteer',
      tampering: true,
      virtualMachine: true,
      highActivity: true,
      suspectScore: 31,
      incognito: false,
    });
    expect(report.bot).toMatchObject({ detected: true, kind: 'BAD_BOT', name: 'puppeteer' });
    expect(report.device).toMatchObject({
      id: 'fingerprint:Tk5qWv82NsLpRa0Ex4Yz',
      browserName: 'HeadlessChrome',
      firstSeenAt: '2025-11-03T09:30:00.000Z',
      lastSeenAt: '2025-11-30T12:39:58.000Z',
    });
    expect(report.ip).toMatchObject({
      address: '198.51.100.77',
      datacenter: true,
      blocklisted: true,
      asn: { number: '64500', name: 'EXAMPLE-CLOUD' },
      geolocation: { city: 'Frankfurt am Main', postalCode: '60313' },
    });
    expect(report.velocity).toMatchObject({
      distinctIps: { last5m: 3, last1h: 12, last24h: 40 },
      events: { last5m: 18, last1h: 150, last24h: 900 },
    });
    expect(report.velocity?.distinctLinkedIds).toBeUndefined();
  });

  it('equals the mapping of the v3 events response it flattens', () => {
    // The v3 seed response, flattened the way a legacy webhook flattens it.
    const response = fixture('fingerprint/v3-seed-event.json') as { products: Record<string, { data?: unknown }> };
    const flat: Record<string, unknown> = {};
    for (const [product, { data }] of Object.entries(response.products)) {
      if (product === 'identification') Object.assign(flat, data);
      else if (product === 'botd') {
        const { bot, userAgent } = data as Record<string, unknown>;
        Object.assign(flat, { bot, userAgent });
      } else if (product !== 'incognito') flat[product] = data;
    }
    flat['timestamp'] ??= 1708102555327;
    const fromWebhook = receiver.read(flat).report;
    const fromLookup = buildFingerprintReport(normalizeV3(v3EventSchema.parse(response), '1708102555327.NLOjmg'));
    for (const part of ['action', 'device', 'ip', 'velocity', 'bot', 'labels'] as const) {
      expect(fromWebhook[part], part).toEqual(fromLookup[part]);
    }
    const { raw: _webhookRaw, ...webhookView } = fromWebhook.view;
    const { raw: _lookupRaw, ...lookupView } = fromLookup.view;
    expect(webhookView).toEqual(lookupView);
  });
});
