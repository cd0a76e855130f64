import { randomBytes } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FingerprintClient, type FingerprintOptions } from '../../src/vendors/fingerprint/client.ts';
import { unsealEvent } from '../../src/vendors/fingerprint/sealed.ts';
import { fixture } from '../support/fixtures.ts';
import { seal } from '../support/sealed.ts';
import { expectNoSecrets, type Stub, signal, startStub, TRANSPORT, vendorError } from './stub-server.ts';

const KEY = randomBytes(32);
const OLD_KEY = randomBytes(32);
const OTHER_KEY = randomBytes(32);
const EVENT = fixture('fingerprint/v4-seed-equivalent.json') as { event_id: string };

describe('unsealEvent', () => {
  it('unseals a sealed v4 event', () => {
    expect(unsealEvent(seal(EVENT, KEY), [KEY])).toEqual(EVENT);
  });

  it('accepts URL-safe base64', () => {
    const sealed = seal(EVENT, KEY).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
    expect(unsealEvent(sealed, [KEY])).toEqual(EVENT);
  });

  it('tries every key in order (key rotation)', () => {
    expect(unsealEvent(seal(EVENT, OLD_KEY), [KEY, OLD_KEY])).toEqual(EVENT);
    expect(unsealEvent(seal(EVENT, KEY), [OTHER_KEY, KEY, OLD_KEY])).toEqual(EVENT);
  });

  it('rejects a result sealed with another key as TOKEN_INVALID, naming no key or payload', async () => {
    const sealed = seal(EVENT, OTHER_KEY);
    const error = await vendorError(Promise.resolve().then(() => unsealEvent(sealed, [KEY, OLD_KEY])));
    expect(error.code).toBe('TOKEN_INVALID');
    expect(error.message).toContain('cannot be unsealed with the configured keys');
    expectNoSecrets(error, [
      KEY.toString('base64'),
      KEY.toString('hex'),
      OLD_KEY.toString('base64'),
      sealed.slice(0, 24),
      EVENT.event_id,
    ]);
  });

  it('rejects truncated, tampered and foreign payloads as TOKEN_INVALID', () => {
    const sealed = Buffer.from(seal(EVENT, KEY), 'base64');
    const cases = {
      truncated: sealed.subarray(0, sealed.length - 5),
      'header only': sealed.subarray(0, 20),
      'bad header': Buffer.concat([Buffer.from([0x9e, 0x85, 0xdc, 0xee]), sealed.subarray(4)]),
      tampered: Buffer.concat([sealed.subarray(0, 30), Buffer.from([sealed[30]! ^ 1]), sealed.subarray(31)]),
      'not base64 of anything': Buffer.from('hello'),
    };
    for (const [name, bytes] of Object.entries(cases)) {
      expect(() => unsealEvent(bytes.toString('base64'), [KEY]), name).toThrowError(
        expect.objectContaining({ name: 'VendorError', code: 'TOKEN_INVALID' }),
      );
    }
  });

  it('needs a 32-byte key: none configured is VENDOR_NOT_CONFIGURED', () => {
    for (const keys of [[], [randomBytes(16)]]) {
      expect(() => unsealEvent(seal(EVENT, KEY), keys)).toThrowError(
        expect.objectContaining({ code: 'VENDOR_NOT_CONFIGURED' }),
      );
    }
  });

  it('reports authentic but unreadable content as VENDOR_BAD_RESPONSE', () => {
    const notDeflate = seal(undefined, KEY, Buffer.from('plain, not deflated'));
    expect(() => unsealEvent(notDeflate, [KEY])).toThrowError(expect.objectContaining({ code: 'VENDOR_BAD_RESPONSE' }));
    const notJson = seal(undefined, KEY, deflateRawSync(Buffer.from('{not json')));
    expect(() => unsealEvent(notJson, [KEY])).toThrowError(expect.objectContaining({ code: 'VENDOR_BAD_RESPONSE' }));
  });
});

describe('FingerprintClient with sealed results', () => {
  let stub: Stub;
  let client: FingerprintClient;
  const options = (extra: Partial<FingerprintOptions> = {}): FingerprintOptions => ({
    ...TRANSPORT,
    apiUrl: stub.url,
    apiKey: 'fp-secret',
    apiVersion: 'v4',
    cacheTtlMs: 60_000,
    sealedKeys: [KEY],
    ...extra,
  });

  beforeAll(async () => {
    stub = await startStub();
    stub.reply(() => ({ status: 200, body: EVENT }));
    client = new FingerprintClient(options());
  });

  afterAll(async () => {
    await client.close();
    await stub.close();
  });

  it('prefers the sealed result over the event id and maps it locally, with no HTTP call', async () => {
    const sealed = seal(EVENT, KEY);
    const lookup = client.lookup({ fingerprintEventId: 'other-event', fingerprintSealedResult: sealed });
    expect(lookup).toEqual({ kind: 'sealed', sealed });
    const before = stub.requests.length;
    const report = await client.fetch(lookup ?? { kind: 'sealed', sealed }, signal());
    expect(stub.requests.length).toBe(before);
    expect(report?.view.origin).toBe('SEALED_RESULT');
    expect(report?.view.eventId).toBe(EVENT.event_id);
    expect(report?.device?.id).toBe('fingerprint:Ibk1527CUFmcnjLwIs4A9');
    expect(client.ttlMs({ kind: 'sealed', sealed: 'x' }, report)).toBe(60_000);
  });

  it('maps a sealed event exactly like the same event from the API, apart from its origin', async () => {
    const sealed = await client.fetch({ kind: 'sealed', sealed: seal(EVENT, KEY) }, signal());
    const fetched = await client.fetch({ kind: 'event', eventId: EVENT.event_id }, signal());
    const { origin: sealedOrigin, ...sealedView } = sealed?.view ?? {};
    const { origin: apiOrigin, ...apiView } = fetched?.view ?? {};
    expect([sealedOrigin, apiOrigin]).toEqual(['SEALED_RESULT', 'API_V4']);
    expect(sealedView).toEqual(apiView);
    expect(sealed?.labels).toEqual(fetched?.labels);
    expect(sealed?.ip).toEqual(fetched?.ip);
  });

  it('counts the same fields as drift as a lookup does: documented ones it does not read are not', async () => {
    // `tags` and `triggered_by` are documented v4 fields the report does not use; `brand_new` is not.
    const event = { ...EVENT, tags: { flow: 'login' }, triggered_by: 'sdk', brand_new: 1 };
    const sealed = await client.fetch({ kind: 'sealed', sealed: seal(event, KEY) }, signal());
    stub.reply(() => ({ status: 200, body: event }));
    try {
      const fetched = await client.fetch({ kind: 'event', eventId: EVENT.event_id }, signal());
      expect(sealed?.drift).toEqual(fetched?.drift);
      expect(sealed?.drift).toEqual(['field:brand_new']);
    } finally {
      stub.reply(() => ({ status: 200, body: EVENT }));
    }
  });

  it('also unseals v3-format results (accounts not migrated to v4)', async () => {
    const v3 = fixture('fingerprint/v3-seed-event.json');
    const report = await client.fetch({ kind: 'sealed', sealed: seal(v3, KEY) }, signal());
    expect(report?.view).toMatchObject({
      origin: 'SEALED_RESULT',
      eventId: '1708102555327.NLOjmg',
      visitorId: 'Ibk1527CUFmcnjLwIs4A9',
    });
  });

  it('keys sealed lookups by a digest, never by the payload', () => {
    const sealed = seal(EVENT, KEY);
    const key = client.key({ kind: 'sealed', sealed });
    expect(key).toMatch(/^sealed:[0-9a-f]{64}$/);
    expect(key).not.toContain(sealed.slice(0, 16));
    expect(client.key({ kind: 'sealed', sealed })).toBe(key);
    expect(client.key({ kind: 'sealed', sealed: seal(EVENT, KEY) })).not.toBe(key); // fresh nonce, new payload
    expect(client.key({ kind: 'event', eventId: 'abc' })).toBe('abc');
  });

  it('uses the event id when no sealed key is configured, and fails sealed-only lookups as not configured', async () => {
    const keyless = new FingerprintClient(options({ sealedKeys: [] }));
    const sealed = seal(EVENT, KEY);
    expect(keyless.lookup({ fingerprintEventId: 'ev-1', fingerprintSealedResult: sealed })).toEqual({
      kind: 'event',
      eventId: 'ev-1',
    });
    const lookup = keyless.lookup({ fingerprintSealedResult: sealed });
    expect(lookup).toEqual({ kind: 'sealed', sealed });
    const error = await vendorError(keyless.fetch(lookup ?? { kind: 'sealed', sealed }, signal()));
    expect(error.code).toBe('VENDOR_NOT_CONFIGURED');
    await keyless.close();
  });

  it('rejects a sealed payload that is not an event', async () => {
    const error = await vendorError(
      client.fetch({ kind: 'sealed', sealed: seal(['not', 'an', 'event'], KEY) }, signal()),
    );
    expect(error.code).toBe('VENDOR_BAD_RESPONSE');
  });
});
