import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HitprobeClient } from '../../src/vendors/hitprobe/client.ts';
import { hitprobe } from '../../src/vendors/hitprobe/index.ts';
import { fixture } from '../support/fixtures.ts';

/** The default cache life (`HITPROBE_CACHE_TTL_S`): a probe's whole life, a day. */
const DEFAULT_TTL_MS = hitprobe.tuning.cacheTtlSeconds * 1000;
const LOOKUP = { probeId: 'ctwCYFyAUteNpsBgAw7xYL' };

import { expectNoSecrets, type Stub, signal, startStub, TRANSPORT, vendorError } from './stub-server.ts';

const SECRET = 'hp_secret_5Rt0LmQ2';
const PROBE = 'ctwCYFyAUteNpsBgAw7xYL';

let stub: Stub;
let client: HitprobeClient;

beforeAll(async () => {
  stub = await startStub();
  client = new HitprobeClient({ ...TRANSPORT, apiUrl: stub.url, secretKey: SECRET, cacheTtlMs: DEFAULT_TTL_MS });
});

afterAll(async () => {
  await client.close();
  await stub.close();
});

describe('Hitprobe client', () => {
  it('POSTs the probe id with a bearer secret, and the IP only when the signals carry one', async () => {
    stub.reply(() => ({ status: 200, body: fixture('hitprobe/seed-device.json') }));
    const withoutIp = client.lookup({ hitprobeProbeId: PROBE });
    expect(withoutIp).toEqual({ probeId: PROBE });
    const report = await client.fetch(withoutIp ?? { probeId: PROBE }, signal());
    let request = stub.requests.at(-1);
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/api/v1/event');
    expect(request?.headers.authorization).toBe(`Bearer ${SECRET}`);
    expect(JSON.parse(request?.body ?? '')).toEqual({ probe_id: PROBE });
    expect(report?.device?.id).toBe('hitprobe:kMZNtJAbyZtFBSZesnNnwg');

    const withIp = client.lookup({ hitprobeProbeId: PROBE, ip: '204.158.96.40' });
    await client.fetch(withIp ?? { probeId: PROBE }, signal());
    request = stub.requests.at(-1);
    expect(JSON.parse(request?.body ?? '')).toEqual({ probe_id: PROBE, ip: '204.158.96.40' });
  });

  it('is not idempotent, and keys by the probe id alone (the first IP sent wins)', () => {
    expect(client.idempotent).toBe(false);
    expect(client.key({ probeId: PROBE, ip: '198.51.100.1' })).toBe(client.key({ probeId: PROBE }));
    expect(client.lookup({ ip: '198.51.100.1' })).toBeUndefined();
  });

  it('caches found and not-found results for the probe life (24 h by default)', async () => {
    stub.reply(() => ({ status: 200, body: fixture('hitprobe/seed-device.json') }));
    const report = await client.fetch({ probeId: PROBE }, signal());
    expect(client.ttlMs(LOOKUP, report)).toBe(24 * 60 * 60 * 1000);
    expect(client.ttlMs(LOOKUP, null)).toBe(24 * 60 * 60 * 1000);
    const short = new HitprobeClient({ ...TRANSPORT, apiUrl: stub.url, secretKey: SECRET, cacheTtlMs: 60_000 });
    expect(short.ttlMs(LOOKUP, null)).toBe(60_000);
    await short.close();
  });

  it('answers null for an invalid probe id (valid: false)', async () => {
    stub.reply(() => ({ status: 200, body: fixture('hitprobe/invalid-probe.json') }));
    await expect(client.fetch({ probeId: PROBE }, signal())).resolves.toBeNull();
  });

  it('throws VENDOR_UNAVAILABLE for an unsuccessful lookup (success: false), marked as having reached Hitprobe', async () => {
    stub.reply(() => ({ status: 200, body: fixture('hitprobe/unsuccessful.json') }));
    const error = await vendorError(client.fetch({ probeId: PROBE }, signal()));
    expect(error.code).toBe('VENDOR_UNAVAILABLE');
    expect(error.message).toContain('lookup unsuccessful');
    expect(error.reachedVendor).toBe(true);
  });

  it('never reads a device without success and valid, nor its properties, as an answer', async () => {
    for (const device of [
      {},
      { valid: true },
      { success: 'yes', valid: true },
      { success: true },
      { success: true, valid: null },
    ]) {
      stub.reply(() => ({ status: 200, body: { device, rules: [] } }));
      expect((await vendorError(client.fetch({ probeId: PROBE }, signal()))).code, JSON.stringify(device)).toBe(
        'VENDOR_BAD_RESPONSE',
      );
    }
    // The properties come only with success and valid both true: they vouch for a missing flag.
    stub.reply(() => ({
      status: 200,
      body: { device: { success: true, device_id: 'kMZNtJAbyZtFBSZesnNnwg' }, rules: [] },
    }));
    expect((await client.fetch({ probeId: PROBE }, signal()))?.device?.id).toBe('hitprobe:kMZNtJAbyZtFBSZesnNnwg');
  });

  it('rejects an answer without a device object', async () => {
    stub.reply(() => ({ status: 200, body: { rules: [] } }));
    expect((await vendorError(client.fetch({ probeId: PROBE }, signal()))).code).toBe('VENDOR_BAD_RESPONSE');
  });

  it.each([
    [400, 'TOKEN_INVALID'],
    [401, 'VENDOR_AUTH_FAILED'],
    [403, 'VENDOR_QUOTA_EXCEEDED'],
    [429, 'VENDOR_RATE_LIMITED'],
    [500, 'VENDOR_UNAVAILABLE'],
    [503, 'VENDOR_UNAVAILABLE'],
  ])('maps HTTP %s to %s without leaking the secret', async (status, expected) => {
    stub.reply(() => ({
      status,
      body: { message: `A valid secret_key was not found (${SECRET}). Did you send it in the Authorization header?` },
    }));
    const error = await vendorError(client.fetch({ probeId: PROBE, ip: '198.51.100.1' }, signal()));
    expect(error.code).toBe(expected);
    expect(error.httpStatus).toBe(status);
    expect(error.reachedVendor).toBe(true);
    expectNoSecrets(error, [SECRET, '198.51.100.1', stub.url]);
  });

  it('marks a connection that never opened as not having reached Hitprobe (safe to retry)', async () => {
    const dead = new HitprobeClient({
      ...TRANSPORT,
      apiUrl: 'http://127.0.0.1:1',
      secretKey: SECRET,
      cacheTtlMs: DEFAULT_TTL_MS,
    });
    const error = await vendorError(dead.fetch({ probeId: PROBE }, signal()));
    await dead.close();
    expect(error.reachedVendor).toBe(false);
    expectNoSecrets(error, [SECRET]);
  });

  it('records unknown fields as drift', async () => {
    stub.reply(() => ({
      status: 200,
      body: { ...(fixture('hitprobe/suspect-with-rules.json') as object), email: { valid: true }, ip: {} },
    }));
    const report = await client.fetch({ probeId: PROBE }, signal());
    expect(report?.drift).toEqual(['field:email', 'field:ip']);
  });
});
