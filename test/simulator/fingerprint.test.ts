import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIMULATOR_CREDENTIALS, type Simulator, startSimulator } from '../../src/simulator/index.ts';
import { normalizeV3 } from '../../src/vendors/fingerprint/map-v3.ts';
import { normalizeV4 } from '../../src/vendors/fingerprint/map-v4.ts';
import { buildFingerprintReport } from '../../src/vendors/fingerprint/report.ts';
import { v3EventSchema, v4EventSchema } from '../../src/vendors/fingerprint/schema.ts';
import { fixture } from '../support/fixtures.ts';
import { at, fingerprintV3, fingerprintV4, type Obj, obj, send } from './support.ts';

const SHOWCASE = '1708102555327.NLOjmg';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(async () => {
  await sim.close();
});

const v4Event = async (id: string) => obj(await fingerprintV4(sim, `/events/${id}`));
const v3Event = async (id: string) => obj(await fingerprintV3(sim, `/events/${id}`));

/** v4 fields with no v3 counterpart (v3 has no bot_info, High Recall ID, referrer, app id…). */
const V4_ONLY: readonly (readonly [string, string?])[] = [
  ['bot_info'],
  ['supplementary_id_high_recall'],
  ['client_referrer'],
  ['package_name'],
  ['bundle_id'],
  ['active_call'],
  ['raw_device_attributes', 'timezone_offset'],
  ['raw_device_attributes', 'device_model'],
  ['raw_device_attributes', 'device_manufacturer'],
];

/** Both versions through the project's own mappers. */
async function reports(id: string) {
  const fromV4 = buildFingerprintReport(normalizeV4(v4EventSchema.parse(await v4Event(id))));
  const fromV3 = buildFingerprintReport(normalizeV3(v3EventSchema.parse(await v3Event(id)), id));
  return { fromV4, fromV3 };
}

describe('Fingerprint simulator', () => {
  it('serves the showcase event exactly as the v4 fixture, and its v3 twin maps to the same report', async () => {
    const answer = await fingerprintV4(sim, `/events/${SHOWCASE}`);
    expect(answer.status).toBe(200);
    expect(answer.contentType).toMatch(/application\/json/);
    expect(answer.json()).toStrictEqual(fixture('fingerprint/v4-seed-equivalent.json'));

    const v3 = await v3Event(SHOWCASE);
    expect(at(v3, 'products', 'identification', 'data')).toMatchObject({
      visitorId: 'Ibk1527CUFmcnjLwIs4A9',
      requestId: SHOWCASE,
      incognito: true,
      ipLocation: { city: { name: 'Dusseldorf' }, country: { code: 'DE', name: 'Germany' } },
      browserDetails: { browserName: 'Chrome', browserMajorVersion: '74', os: 'Windows', osVersion: '7' },
    });
    const { fromV3, fromV4 } = await reports(SHOWCASE);
    const { raw: _v3Raw, origin: _v3Origin, ...v3View } = fromV3.view;
    const { raw: _v4Raw, origin: _v4Origin, ...v4View } = fromV4.view;
    expect(v3View).toEqual(v4View);
    for (const part of ['action', 'device', 'ip', 'velocity', 'bot', 'labels'] as const)
      expect(fromV3[part], part).toEqual(fromV4[part]);
  });

  it('describes the same event in v3 and v4 for any id (v4 without what v3 does not report)', async () => {
    for (let i = 0; i < 40; i++) {
      const id = `agree-${i}`;
      const v4 = await v4Event(id);
      expect(buildFingerprintReport(normalizeV4(v4EventSchema.parse(v4))).drift, id).toEqual([]);
      for (const [key, inner] of V4_ONLY) {
        if (inner === undefined) delete v4[key];
        else delete (v4[key] as Obj | undefined)?.[inner];
      }
      const fromV4 = buildFingerprintReport(normalizeV4(v4EventSchema.parse(v4)));
      const fromV3 = buildFingerprintReport(normalizeV3(v3EventSchema.parse(await v3Event(id)), id));
      for (const part of ['action', 'device', 'ip', 'velocity', 'bot', 'labels'] as const)
        expect(fromV3[part], `${id} ${part}`).toEqual(fromV4[part]);
      const { raw: _v3Raw, origin: _v3Origin, ...v3View } = fromV3.view;
      const { raw: _v4Raw, origin: _v4Origin, ...v4View } = fromV4.view;
      expect(v3View, id).toEqual(v4View);
    }
  });

  it('is deterministic and gives different ids plausible, different events', async () => {
    const first = await fingerprintV4(sim, '/events/determinism-1');
    const again = await fingerprintV4(sim, '/events/determinism-1');
    expect(again.text).toBe(first.text);
    const other = await v4Event('determinism-2');
    expect(at(other, 'identification', 'visitor_id')).not.toBe(at(first.json(), 'identification', 'visitor_id'));
    expect(at(other, 'identification', 'visitor_id')).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(other).toMatchObject({
      event_id: 'determinism-2',
      ip_address: expect.any(String),
      sdk: { platform: expect.stringMatching(/^(js|android|ios)$/) },
    });
  });

  it('omits mobile signals on web events in v4 and sends them (false) in v3; app events carry them in both', async () => {
    const seen = { web: false, app: false };
    for (let i = 0; i < 40 && !(seen.web && seen.app); i++) {
      const id = `platform-${i}`;
      const v4 = await v4Event(id);
      const products = at(await v3Event(id), 'products') as Obj;
      if (at(v4, 'sdk', 'platform') === 'js') {
        seen.web = true;
        expect(v4).not.toHaveProperty('root_apps');
        expect(v4).toHaveProperty('browser_details.browser_name');
        expect(products['rootApps']).toEqual({ data: { result: false } });
      } else {
        seen.app = true;
        expect(v4).toHaveProperty('root_apps');
        expect(v4).toHaveProperty('factory_reset_timestamp');
        expect(v4).not.toHaveProperty('browser_details');
        expect(v4).not.toHaveProperty('bot');
        expect(products).not.toHaveProperty('botd');
      }
    }
    expect(seen).toEqual({ web: true, app: true });
  });

  it('rejects missing and wrong keys with each version’s error body', async () => {
    expect(obj(await fingerprintV4(sim, `/events/${SHOWCASE}`, null))).toEqual({
      error: { code: 'secret_api_key_required', message: expect.any(String) },
    });
    const wrong = await fingerprintV4(sim, `/events/${SHOWCASE}`, 'nope');
    expect([wrong.status, at(wrong.json(), 'error', 'code')]).toEqual([403, 'secret_api_key_not_found']);
    const v3Missing = await fingerprintV3(sim, `/events/${SHOWCASE}`, null);
    expect([v3Missing.status, at(v3Missing.json(), 'error', 'code')]).toEqual([403, 'TokenRequired']);
    const v3Wrong = await fingerprintV3(sim, `/events/${SHOWCASE}`, 'nope');
    expect([v3Wrong.status, at(v3Wrong.json(), 'error', 'code')]).toEqual([403, 'TokenNotFound']);
    // v3 also takes the key as `api_key` in the query.
    const query = await send(
      `${sim.baseUrl('FINGERPRINT')}/events/${SHOWCASE}?api_key=${SIMULATOR_CREDENTIALS.fingerprint.secretApiKey}`,
    );
    expect(query.status).toBe(200);
  });

  it('answers 404 for tokens ending in 404, in each version’s words', async () => {
    const v4 = await fingerprintV4(sim, '/events/1708102555327.abc404');
    expect([v4.status, v4.json()]).toEqual([
      404,
      { error: { code: 'event_not_found', message: 'event id not found' } },
    ]);
    const v3 = await fingerprintV3(sim, '/events/1708102555327.abc404');
    expect([v3.status, at(v3.json(), 'error', 'code')]).toEqual([404, 'RequestNotFound']);
    const visitor = await fingerprintV4(sim, '/events?visitor_id=Visitor404');
    expect([visitor.status, at(visitor.json(), 'error', 'code')]).toEqual([404, 'visitor_not_found']);
    const v3Visitor = await fingerprintV3(sim, '/events/search?visitor_id=Visitor404&limit=1');
    expect([v3Visitor.status, at(v3Visitor.json(), 'error', 'code')]).toEqual([404, 'VisitorNotFound']);
  });

  it('searches a visitor newest first, listing an id looked up before first and resolving listed ids to the visitor', async () => {
    const looked = await v4Event('search-me');
    const visitorId = String(at(looked, 'identification', 'visitor_id'));
    const page = obj(await fingerprintV4(sim, `/events?visitor_id=${visitorId}&limit=5`));
    const events = page['events'] as Obj[];
    expect(events).toHaveLength(5);
    expect(events[0]?.['event_id']).toBe('search-me');
    const times = events.map((event) => Number(event['timestamp']));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    for (const event of events) expect(at(event, 'identification', 'visitor_id')).toBe(visitorId);
    const listed = String(events[3]?.['event_id']);
    expect(at(await v4Event(listed), 'identification', 'visitor_id')).toBe(visitorId);

    const defaults = obj(await fingerprintV4(sim, `/events?visitor_id=${visitorId}`));
    expect(defaults['events']).toHaveLength(10);
    const v3 = obj(await fingerprintV3(sim, `/events/search?visitor_id=${visitorId}&limit=3`));
    expect(
      (v3['events'] as Obj[]).map((event) => at(event, 'products', 'identification', 'data', 'requestId')),
    ).toEqual(events.slice(0, 3).map((event) => event['event_id']));
    const showcaseVisitor = obj(await fingerprintV4(sim, '/events?visitor_id=Ibk1527CUFmcnjLwIs4A9&limit=2'));
    expect(at(showcaseVisitor, 'events', 0, 'event_id')).toBe(SHOWCASE);
    expect(at(showcaseVisitor, 'events', 1, 'browser_details', 'browser_name')).toBe('Chrome');
  });

  it('validates search parameters like the vendor', async () => {
    expect(obj(await fingerprintV4(sim, '/events?visitor_id=abc&limit=101'))).toEqual({
      error: { code: 'request_cannot_be_parsed', message: 'invalid limit' },
    });
    expect(at((await fingerprintV4(sim, '/events?limit=2')).json(), 'error', 'message')).toBe('visitor id is required');
    const v3 = await fingerprintV3(sim, '/events/search?visitor_id=abc');
    expect([v3.status, at(v3.json(), 'error', 'code')]).toEqual([400, 'RequestCannotBeParsed']);
    expect((await fingerprintV4(sim, '/visitors/abc')).status).toBe(404);
  });

  it.each([
    ['identificationfailed', { identification: 'Failed' }, 500],
    ['identification429', { identification: '429 Too Many Requests' }, 429],
    ['botdfailed', { botd: 'Failed' }, 500],
    ['botd429', { botd: 'TooManyRequests' }, 429],
    ['toomanyrequests', { identification: '429 Too Many Requests', botd: 'TooManyRequests' }, 429],
  ])('serves _%s as product errors in v3 and as an HTTP error in v4', async (variant, failed, v4Status) => {
    const id = `cleanweb-00000001_${variant}`;
    const products = at(await v3Event(id), 'products') as Obj;
    for (const [product, code] of Object.entries(failed)) {
      expect(products[product], product).toEqual({ error: { code, message: expect.any(String) } });
    }
    for (const [product, value] of Object.entries(products)) {
      if (!(product in failed)) expect(value, product).toHaveProperty('data');
    }
    expect((await fingerprintV4(sim, `/events/${id}`)).status).toBe(v4Status);
  });

  it('serves _allfailed as every v3 product failed, raw attributes as attribute errors', async () => {
    const products = at(await v3Event('cleanweb-00000002_allfailed'), 'products') as Obj;
    for (const [product, value] of Object.entries(products)) {
      if (product === 'rawDeviceAttributes') {
        for (const attribute of Object.values(at(value, 'data') as Obj)) expect(attribute).toHaveProperty('error.name');
      } else expect(value, product).toEqual({ error: { code: 'Failed', message: 'internal server error' } });
    }
    expect((await fingerprintV4(sim, '/events/cleanweb-00000002_allfailed')).status).toBe(500);
  });

  it('serves _goodbot as a verified crawler and _spoofedbot as one impersonated', async () => {
    const good = await v4Event('cleanweb-00000003_goodbot');
    expect(good).toMatchObject({
      bot: 'good',
      bot_info: { category: 'search_engine_crawler', name: 'Googlebot', identity: 'verified' },
    });
    expect(at(await v3Event('cleanweb-00000003_goodbot'), 'products', 'botd', 'data', 'bot')).toEqual({
      result: 'good',
      type: 'googlebot',
    });
    expect(await v4Event('cleanweb-00000004_spoofedbot')).toMatchObject({
      bot: 'bad',
      bot_info: { category: 'search_engine_crawler', identity: 'spoofed' },
    });
  });

  it('serves _unknownenums with values Fingerprint never documented, and _edge as an edge event (v4 only)', async () => {
    const drifted = await v4Event('headless-00000005_unknownenums');
    expect(drifted).toMatchObject({
      bot: 'suspicious_new_kind',
      vpn_confidence: 'very_high',
      bot_info: { category: 'time_traveller', identity: 'notarised' },
    });
    const edge = await v4Event('vpn-0000000006_edge');
    expect(edge).toMatchObject({ source: 'edge', vpn: true, event_id: 'vpn-0000000006_edge' });
    expect(edge).not.toHaveProperty('identification');
    expect((await fingerprintV3(sim, '/events/vpn-0000000006_edge')).status).toBe(404);
  });

  it('gives drawn events the signals Fingerprint adds: bot_info, ML predictions, High Recall ID, proximity', async () => {
    const bot = await v4Event('headless-00000007');
    expect(bot).toMatchObject({
      bot: 'bad',
      bot_info: { category: 'browser_automation', name: 'Puppeteer' },
      labels: [{ label: 'fraud', prediction: true }],
      supplementary_id_high_recall: { visitor_id: expect.stringMatching(/^[A-Za-z0-9]{22}_hr$/) },
      proximity: { id: expect.any(String), precision_radius: expect.any(Number) },
    });
    expect(at(await v4Event('cleanweb-00000008'), 'labels', 0, 'prediction')).toBe(false);
    const vpn = await v4Event('vpn-0000000009');
    expect(vpn).toMatchObject({
      vpn_methods: { public_vpn: true, ml_prediction: true },
      vpn_origin_country: 'unknown',
    });
  });
});
