import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FingerprintClient, type FingerprintOptions } from '../../src/vendors/fingerprint/client.ts';
import { fixture } from '../support/fixtures.ts';
import { type Stub, signal, startStub, TRANSPORT, vendorError } from './stub-server.ts';

/**
 * The Fingerprint client's ruleset lookups and update-event calls, against a local stub answering
 * fixtures of our own that mirror Fingerprint's public OpenAPI examples (named in each test).
 */

const RULESET_EVENT = fixture('fingerprint/v4-ruleset-block.json') as Record<string, unknown>;

describe('FingerprintClient: checkpoint rulesets', () => {
  let stub: Stub;
  const clients: FingerprintClient[] = [];
  const client = (extra: Partial<FingerprintOptions> = {}): FingerprintClient => {
    const made = new FingerprintClient({
      ...TRANSPORT,
      apiUrl: stub.url,
      apiKey: 'fp-secret',
      apiVersion: 'v4',
      cacheTtlMs: 86_400_000,
      ...extra,
    });
    clients.push(made);
    return made;
  };
  beforeAll(async () => {
    stub = await startStub();
  });
  afterAll(async () => {
    await Promise.all(clients.map((made) => made.close()));
    await stub.close();
  });
  beforeEach(() => stub.requests.splice(0));

  it('asks for the ruleset with the event and reads its rule_action (mirrors get_event_ruleset_200.json)', async () => {
    stub.reply(() => ({ status: 200, body: RULESET_EVENT }));
    const fingerprint = client();
    const variant = fingerprint.checkpointLookup(
      { fingerprintEventId: '1764481200000.Rz4kPq' },
      { fingerprintRulesetId: 'rs_Checkout2026' },
    );
    if (!variant || !('lookup' in variant)) throw new Error('expected a ruleset lookup');
    const report = await fingerprint.fetch(variant.lookup, signal());
    expect(stub.requests.map((request) => request.url)).toEqual([
      '/v4/events/1764481200000.Rz4kPq?ruleset_id=rs_Checkout2026',
    ]);
    expect(report?.ruleAction).toEqual({
      vendorCode: 'rule_action',
      rulesetId: 'rs_Checkout2026',
      action: 'BLOCK',
      value: 'block',
      ruleId: 'r_NoHeadless01',
      expression: 'bot == "bad" && bot_type == "puppeteer"',
    });
    // The event itself is mapped as always; `rule_action` is known, not drift.
    expect(report?.device?.id).toBe('fingerprint:Qm3xT8vLw2NcY7pK1sAb');
    expect(report?.drift).toEqual([]);
  });

  it('keys ruleset lookups apart from the plain lookup and from each other, and caches their verdicts a minute', () => {
    const fingerprint = client();
    const signals = { fingerprintEventId: '1764481200000.Rz4kPq' };
    const plain = fingerprint.lookup(signals);
    const a = fingerprint.checkpointLookup(signals, { fingerprintRulesetId: 'rs_a' });
    const b = fingerprint.checkpointLookup(signals, { fingerprintRulesetId: 'rs_b' });
    if (!plain || !a || !b || !('lookup' in a) || !('lookup' in b)) throw new Error('expected lookups');
    expect(new Set([fingerprint.key(plain), fingerprint.key(a.lookup), fingerprint.key(b.lookup)]).size).toBe(3);
    const report = { labels: [], action: {}, view: {}, drift: [] } as never;
    expect(fingerprint.ttlMs(a.lookup, report)).toBe(60_000);
    expect(fingerprint.ttlMs(plain, report)).toBe(86_400_000);
  });

  it('reads allow actions, the default action, and keeps an unknown type as unknown', async () => {
    const fingerprint = client();
    const lookup = { kind: 'event' as const, eventId: 'e1', rulesetId: 'rs_Checkout2026' };
    const answer = (ruleAction: unknown) =>
      stub.reply(() => ({ status: 200, body: { ...RULESET_EVENT, rule_action: ruleAction } }));

    answer({
      type: 'allow',
      request_header_modifications: { set: [{ name: 'x-tier', value: 'gold' }] },
      ruleset_id: 'rs_Checkout2026',
      rule_id: 'r_Trusted',
      rule_expression: 'visitor_found',
    });
    expect((await fingerprint.fetch(lookup, signal()))?.ruleAction).toMatchObject({
      action: 'ALLOW',
      ruleId: 'r_Trusted',
    });

    answer({ type: 'allow', ruleset_id: 'rs_Checkout2026' });
    expect((await fingerprint.fetch(lookup, signal()))?.ruleAction).toEqual({
      vendorCode: 'rule_action',
      rulesetId: 'rs_Checkout2026',
      action: 'ALLOW',
      value: 'allow',
      ruleId: undefined,
      expression: undefined,
    });

    answer({ type: 'challenge', ruleset_id: 'rs_Checkout2026', rule_id: 'r_New' });
    const unknown = await fingerprint.fetch(lookup, signal());
    expect(unknown?.ruleAction).toMatchObject({ action: null, value: 'challenge' });
    expect(unknown?.drift).toEqual(['enum:rule_action.type=challenge']);

    // Without the ruleset it names, a rule action says nothing we could act on.
    answer({ type: 'block' });
    expect((await fingerprint.fetch(lookup, signal()))?.ruleAction).toBeUndefined();
  });

  it('reports an unknown ruleset as VENDOR_RULESET_NOT_FOUND (mirrors 400_ruleset_not_found.json)', async () => {
    stub.reply(() => ({ status: 400, body: fixture('fingerprint/errors/ruleset-not-found.json') }));
    const error = await vendorError(
      client().fetch({ kind: 'event', eventId: 'e1', rulesetId: 'rs_Retired2025' }, signal()),
    );
    expect(error).toMatchObject({ code: 'VENDOR_RULESET_NOT_FOUND', httpStatus: 400, vendorCode: 'ruleset_not_found' });
    expect(error.sourceState).toBe('UNAVAILABLE');
  });

  it('says why a ruleset cannot apply to a sealed result or on Server API v3', () => {
    const options = { fingerprintRulesetId: 'rs_Checkout2026' };
    expect(
      client({ sealedKeys: [Buffer.alloc(32)] }).checkpointLookup({ fingerprintSealedResult: 'AAAA' }, options),
    ).toEqual({
      notEvaluated: 'a sealed result carries no ruleset evaluation (it is decrypted locally, with no API call)',
    });
    expect(client({ apiVersion: 'v3' }).checkpointLookup({ fingerprintEventId: 'e1' }, options)).toEqual({
      notEvaluated: 'Server API v3 has no rulesets',
    });
    expect(client().checkpointLookup({ detectIpToken: 'x' }, options)).toBeUndefined();
  });
});

describe('FingerprintClient: feedback through the update-event API', () => {
  let stub: Stub;
  let v4: FingerprintClient;
  let v3: FingerprintClient;
  beforeAll(async () => {
    stub = await startStub();
    const options = { ...TRANSPORT, apiUrl: stub.url, apiKey: 'fp-secret', cacheTtlMs: 60_000 };
    v4 = new FingerprintClient({ ...options, apiVersion: 'v4' });
    v3 = new FingerprintClient({ ...options, apiVersion: 'v3' });
  });
  afterAll(async () => {
    await Promise.all([v4.close(), v3.close()]);
    await stub.close();
  });
  beforeEach(() => {
    stub.requests.splice(0);
    stub.reply(() => ({ status: 200, body: '', contentType: 'application/json' }));
  });

  it('v4: PATCH /v4/events/{event_id} with suspect, linked_id and tags (mirrors update_event_multiple_fields_request.json)', async () => {
    const feedback = { outcome: 'FRAUD' as const, linkedId: 'acct-301', tags: { chargeback: 'CB-9', amount: 80 } };
    await v4.sendFeedback({ fingerprintEventId: '1764481200000.Rz4kPq' }, feedback, signal());
    const [request] = stub.requests;
    expect(request).toMatchObject({ method: 'PATCH', url: '/v4/events/1764481200000.Rz4kPq' });
    expect(request?.headers['authorization']).toBe('Bearer fp-secret');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request?.body ?? '')).toEqual({
      suspect: true,
      linked_id: 'acct-301',
      tags: { chargeback: 'CB-9', amount: 80 },
    });
  });

  it('v4: sends only the flag when nothing else is given (mirrors update_event_one_field_request.json)', async () => {
    await v4.sendFeedback({ fingerprintEventId: 'e-2' }, { outcome: 'LEGITIMATE' }, signal());
    expect(JSON.parse(stub.requests[0]?.body ?? '')).toEqual({ suspect: false });
  });

  it('v3: PUT /events/{request_id} with suspect, linkedId and tag', async () => {
    await v3.sendFeedback({ fingerprintEventId: 'e-3' }, { outcome: 'FRAUD', linkedId: 'a', tags: { t: 1 } }, signal());
    const [request] = stub.requests;
    expect(request).toMatchObject({ method: 'PUT', url: '/events/e-3' });
    expect(request?.headers['auth-api-key']).toBe('fp-secret');
    expect(JSON.parse(request?.body ?? '')).toEqual({ suspect: true, linkedId: 'a', tag: { t: 1 } });
  });

  it.each([
    [
      '409 state_not_ready (mirrors 409_state_not_ready.json)',
      () => v4,
      409,
      'fingerprint/errors/state-not-ready.json',
      'VENDOR_RETRY_LATER',
    ],
    ['409 StateNotReady on v3', () => v3, 409, 'fingerprint/errors/v3-state-not-ready.json', 'VENDOR_RETRY_LATER'],
    [
      '400 request_cannot_be_parsed (mirrors 400_request_body_invalid.json)',
      () => v4,
      400,
      'fingerprint/errors/request-body-invalid.json',
      'TOKEN_INVALID',
    ],
  ])('maps %s', async (_what, which, status, body, code) => {
    stub.reply(() => ({ status, body: fixture(body) }));
    const error = await vendorError(
      which().sendFeedback({ fingerprintEventId: 'e-4' }, { outcome: 'FRAUD' }, signal()),
    );
    expect(error.code).toBe(code);
    expect(error.httpStatus).toBe(status);
  });

  it('maps 404 to TOKEN_NOT_FOUND and 403 to VENDOR_AUTH_FAILED', async () => {
    stub.reply(() => ({ status: 404, body: { error: { code: 'event_not_found', message: 'no such event here' } } }));
    expect(
      (await vendorError(v4.sendFeedback({ fingerprintEventId: 'e-5' }, { outcome: 'FRAUD' }, signal()))).code,
    ).toBe('TOKEN_NOT_FOUND');
    stub.reply(() => ({ status: 403, body: { error: { code: 'feature_not_enabled', message: 'not on this plan' } } }));
    expect(
      (await vendorError(v4.sendFeedback({ fingerprintEventId: 'e-5' }, { outcome: 'FRAUD' }, signal()))).code,
    ).toBe('VENDOR_AUTH_FAILED');
  });

  it('needs an event id: a sealed result alone names no event to update, and nothing is sent', async () => {
    const error = await vendorError(
      v4.sendFeedback({ fingerprintSealedResult: 'AAAA' }, { outcome: 'FRAUD' }, signal()),
    );
    expect(error).toMatchObject({ code: 'TOKEN_INVALID', reachedVendor: false });
    expect(stub.requests).toEqual([]);
  });
});
