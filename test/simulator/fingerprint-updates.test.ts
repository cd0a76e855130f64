import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIMULATOR_CREDENTIALS, type Simulator, startSimulator } from '../../src/simulator/index.ts';
import { at, fingerprintV3, fingerprintV4, obj, send } from './support.ts';

/**
 * Fingerprint's update-event API (v4 `PATCH /v4/events/{event_id}`, v3 `PUT /events/{request_id}`)
 * and rulesets (v4 `GET /v4/events/{event_id}?ruleset_id=`), as the simulator serves them. The
 * bodies follow the vendor's public examples (`update_event_multiple_fields_request.json`,
 * `update_event_one_field_request.json`, `get_event_ruleset_200.json`, `400_ruleset_not_found.json`,
 * `409_state_not_ready.json`, `400_request_body_invalid.json`) with values of our own.
 */

const KEY = SIMULATOR_CREDENTIALS.fingerprint.secretApiKey;

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());

function patchV4(id: string, body: unknown, key: string | null = KEY) {
  return send(`${sim.baseUrl('FINGERPRINT')}/v4/events/${id}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', ...(key === null ? {} : { authorization: `Bearer ${key}` }) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

function putV3(id: string, body: unknown, key: string | null = KEY) {
  return send(`${sim.baseUrl('FINGERPRINT')}/events/${id}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', ...(key === null ? {} : { 'auth-api-key': key }) },
    body: JSON.stringify(body),
  });
}

/** A JS agent request id stamped `offsetMs` from now: the simulator reads the event's age from it. */
const stamped = (offsetMs: number, suffix: string) => `${Date.now() + offsetMs}.${suffix}`;

describe('Fingerprint simulator: update event', () => {
  it('v4 PATCH answers 200 with an empty body, and a fresh GET shows suspect, linked_id and tags', async () => {
    // Mirrors update_event_multiple_fields_request.json: all three fields at once.
    const patched = await patchV4('cleanweb-up-0001', {
      linked_id: 'acct_7731',
      tags: { flow: 'payout' },
      suspect: true,
    });
    expect(patched.status).toBe(200);
    expect(patched.text).toBe('');
    expect(obj(await fingerprintV4(sim, '/events/cleanweb-up-0001'))).toMatchObject({
      linked_id: 'acct_7731',
      tags: { flow: 'payout' },
      suspect: true,
    });
    // Mirrors update_event_one_field_request.json: one field; the others stay.
    expect((await patchV4('cleanweb-up-0001', { suspect: false })).status).toBe(200);
    expect(obj(await fingerprintV4(sim, '/events/cleanweb-up-0001'))).toMatchObject({
      linked_id: 'acct_7731',
      tags: { flow: 'payout' },
      suspect: false,
    });
  });

  it('v3 PUT sets linkedId, tag and suspect, seen by v3 and v4 alike', async () => {
    const put = await putV3('cleanweb-up-0002', { linkedId: 'acct_12', tag: { flow: 'signup' }, suspect: true });
    expect(put.status).toBe(200);
    expect(put.text).toBe('');
    expect(
      at(obj(await fingerprintV3(sim, '/events/cleanweb-up-0002')), 'products', 'identification', 'data'),
    ).toMatchObject({
      linkedId: 'acct_12',
      tag: { flow: 'signup' },
      suspect: true,
    });
    expect(obj(await fingerprintV4(sim, '/events/cleanweb-up-0002'))).toMatchObject({
      suspect: true,
      linked_id: 'acct_12',
    });
  });

  it.each([
    ['not JSON', '{suspect', 'request body is not valid'],
    ['not an object', '[true]', 'request body is not valid'],
    ['no field', {}, 'request body is not valid'],
    ['an unknown field', { suspect: true, tag: {} }, 'request body is not valid'],
    ['suspect of the wrong type', { suspect: 'yes' }, 'request body is not valid'],
    ['tags that are no object', { tags: ['a'] }, 'request body is not valid'],
    ['a linked_id too long', { linked_id: 'x'.repeat(257) }, "linked_id can't be greater than 256 characters long"],
  ])('v4 refuses a body with %s: 400 request_cannot_be_parsed, nothing changed', async (_what, body, message) => {
    const answer = await patchV4('cleanweb-up-0003', body);
    // Mirrors 400_request_body_invalid.json.
    expect(answer.status).toBe(400);
    expect(answer.json()).toEqual({ error: { code: 'request_cannot_be_parsed', message } });
    expect(obj(await fingerprintV4(sim, '/events/cleanweb-up-0003'))).not.toHaveProperty('suspect');
  });

  it('answers the documented 403 and 404', async () => {
    expect((await patchV4('cleanweb-up-0004', { suspect: true }, null)).json()).toEqual({
      error: { code: 'secret_api_key_required', message: 'secret API key in header is missing or empty' },
    });
    expect((await patchV4('cleanweb-up-0004', { suspect: true }, 'wrong')).status).toBe(403);
    const missing = await patchV4('cleanweb-up-404', { suspect: true });
    expect([missing.status, missing.json()]).toEqual([
      404,
      { error: { code: 'event_not_found', message: 'event id not found' } },
    ]);
    expect((await putV3('cleanweb-up-404', { suspect: true })).json()).toEqual({
      error: { code: 'RequestNotFound', message: 'request id is not found' },
    });
  });

  it('answers 409 state_not_ready right after the event, in both versions', async () => {
    // Mirrors 409_state_not_ready.json. Stamped in the future: still propagating however slow the machine.
    const fresh = stamped(3_600_000, 'upnew1');
    const v4 = await patchV4(fresh, { suspect: true });
    expect([v4.status, v4.json()]).toEqual([
      409,
      { error: { code: 'state_not_ready', message: 'resource is not mutable yet, try again' } },
    ]);
    expect((await putV3(fresh, { suspect: true })).json()).toEqual({
      error: { code: 'StateNotReady', message: 'resource is not mutable yet, try again' },
    });
  });

  it('refuses events older than a month (v4) or ten days (v3), and updates those younger', async () => {
    const day = 24 * 60 * 60 * 1000;
    const old = stamped(-40 * day, 'upold1');
    expect((await patchV4(old, { suspect: true })).json()).toEqual({
      error: { code: 'request_cannot_be_parsed', message: 'the event is too old to be updated' },
    });
    const twoWeeks = stamped(-14 * day, 'up2wk1');
    expect((await patchV4(twoWeeks, { suspect: true })).status).toBe(200);
    expect((await putV3(twoWeeks, { suspect: true })).status).toBe(400);
  });

  it('counts updates against the event id, so fault rules apply to them too', async () => {
    sim.addFault({
      vendor: 'FINGERPRINT',
      token: 'cleanweb-up-0005',
      fault: { kind: 'status', status: 500 },
      times: 1,
    });
    try {
      expect((await patchV4('cleanweb-up-0005', { suspect: true })).status).toBe(500);
      expect(obj(await fingerprintV4(sim, '/events/cleanweb-up-0005'))).not.toHaveProperty('suspect');
      expect(sim.tokenCalls('FINGERPRINT', 'cleanweb-up-0005')).toBe(2);
    } finally {
      sim.clearFaults();
    }
  });
});

describe('Fingerprint simulator: rulesets', () => {
  it('adds rule_action for a known ruleset: the first rule that holds, with its id and expression', async () => {
    // Mirrors get_event_ruleset_200.json: a block action with status, headers and body.
    const blocked = obj(await fingerprintV4(sim, '/events/headless-rs-0001?ruleset_id=rs_sim_payments'));
    expect(blocked['rule_action']).toEqual({
      type: 'block',
      status_code: 403,
      headers: [{ name: 'content-type', value: 'application/json' }],
      body: '{"error":"request refused"}',
      ruleset_id: 'rs_sim_payments',
      rule_id: 'r_sim_bad_bot',
      rule_expression: 'bot == "bad"',
    });
    expect(blocked['event_id']).toBe('headless-rs-0001');
    const vpn = obj(await fingerprintV4(sim, '/events/vpn-rs-0001?ruleset_id=rs_sim_payments'));
    expect(vpn['rule_action']).toMatchObject({
      type: 'allow',
      rule_id: 'r_sim_vpn_review',
      request_header_modifications: {},
    });
  });

  it("answers the ruleset's default (allow, no rule) when no rule holds, and nothing without ruleset_id", async () => {
    expect(obj(await fingerprintV4(sim, '/events/cleanweb-rs-0001?ruleset_id=rs_sim_signup'))['rule_action']).toEqual({
      type: 'allow',
      ruleset_id: 'rs_sim_signup',
    });
    expect(obj(await fingerprintV4(sim, '/events/cleanweb-rs-0001'))).not.toHaveProperty('rule_action');
  });

  it('answers 400 ruleset_not_found for a ruleset the workspace does not have', async () => {
    // Mirrors 400_ruleset_not_found.json.
    const answer = await fingerprintV4(sim, '/events/cleanweb-rs-0002?ruleset_id=rs_nope');
    expect([answer.status, answer.json()]).toEqual([
      400,
      { error: { code: 'ruleset_not_found', message: 'ruleset not found' } },
    ]);
  });

  it('has no rulesets on v3: ruleset_id is ignored', async () => {
    const answer = obj(await fingerprintV3(sim, '/events/headless-rs-0002?ruleset_id=rs_sim_payments'));
    expect(answer).not.toHaveProperty('rule_action');
    expect(at(answer, 'products', 'identification', 'data', 'requestId')).toBe('headless-rs-0002');
  });
});
