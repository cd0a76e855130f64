import { SIMULATOR_CREDENTIALS } from '../../credentials.ts';
import { deleteAt, type JsonObject, objectAt, setAt } from '../../json.ts';
import { DAY_MS } from '../../persona.ts';
import { type Reply, successReply } from '../../reply.ts';
import { type DriftKind, header } from '../types.ts';
import { type ApiVersion, errorReply } from './api.ts';
import { type FpEvent, type FpIp, VELOCITY_KEYS } from './event.ts';
import { isRateLimit } from './variants.ts';

/**
 * Server API v3 (deprecated): `{ products: { <signal>: { data } } }` in camelCase, auth by
 * `Auth-API-Key` header or `api_key` query, PascalCase error codes, `Retry-After` on 429. Mobile
 * signals are always present (false on web); browser-only products are left out of app events.
 */

const ERRORS: Readonly<Record<number, readonly [string, string]>> = {
  400: ['RequestCannotBeParsed', 'request cannot be parsed'],
  403: ['TokenNotFound', 'secret key is not found'],
  409: ['StateNotReady', 'resource is not mutable yet, try again'],
  429: ['TooManyRequests', 'too many requests'],
  500: ['Failed', 'internal server error'],
  503: ['Failed', 'service unavailable'],
  504: ['Failed', 'gateway timeout'],
};

function error(status: number, subject: 'event' | 'visitor'): Reply {
  if (status === 404) {
    return subject === 'event'
      ? errorReply(404, 'RequestNotFound', 'request id is not found')
      : errorReply(404, 'VisitorNotFound', 'visitor not found');
  }
  const [code, message] = ERRORS[status] ?? ['Failed', `unexpected error (HTTP ${status})`];
  // v3 documents Retry-After (seconds) on 429.
  return errorReply(status, code, message, status === 429 ? { 'retry-after': '1' } : undefined);
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

const data = (value: JsonObject): JsonObject => ({ data: value });
const result = (value: boolean): JsonObject => data({ result: value });

function render(e: FpEvent): JsonObject {
  const web = e.web;
  const time = iso(e.timestampMs);
  const attributes = e.attributes;
  return {
    products: {
      identification: data({
        visitorId: e.visitorId,
        requestId: e.eventId,
        incognito: web?.incognito,
        linkedId: e.linkedId,
        tag: e.tags,
        suspect: e.suspect,
        time,
        timestamp: e.timestampMs,
        url: e.url ?? '',
        ip: e.ip.address,
        ipLocation: geolocation(e.ip),
        browserDetails: {
          browserName: e.browser?.name ?? '',
          browserMajorVersion: e.browser?.major ?? '',
          browserFullVersion: e.browser?.full ?? '',
          os: e.os,
          osVersion: e.osVersion,
          device: e.device,
          userAgent: e.userAgent,
        },
        confidence: e.confidence.version
          ? { score: e.confidence.score, revision: e.confidence.version }
          : { score: e.confidence.score },
        visitorFound: e.visitorFound,
        firstSeenAt: seenAt(e.firstSeenAtMs),
        lastSeenAt: seenAt(e.lastSeenAtMs),
        sdk: { platform: e.sdk.platform, version: e.sdk.version, integrations: e.sdk.integrations },
        replayed: e.replayed,
      }),
      botd:
        web &&
        data({
          bot: { result: web.bot === 'not_detected' ? 'notDetected' : web.bot, type: web.botType },
          url: e.url,
          ip: e.ip.address,
          time,
          userAgent: e.userAgent,
          requestId: e.eventId,
        }),
      rootApps: result(e.mobile?.rootApps ?? false),
      // iOS reports its simulator as `simulator`, Android as `emulator`; both are sent, false elsewhere.
      emulator: result(e.sdk.platform !== 'ios' && (e.mobile?.emulator ?? false)),
      simulator: result(e.sdk.platform === 'ios' && (e.mobile?.emulator ?? false)),
      ipInfo: data({ [e.ip.version === 6 ? 'v6' : 'v4']: ipInfo(e.ip) }),
      ipBlocklist: data({
        result: e.blocklist.emailSpam || e.blocklist.attackSource,
        details: { emailSpam: e.blocklist.emailSpam, attackSource: e.blocklist.attackSource },
      }),
      tor: result(e.blocklist.torNode),
      vpn: data({
        result: e.vpn.result,
        confidence: e.vpn.confidence,
        mlScore: e.vpn.mlScore,
        originTimezone: e.vpn.originTimezone,
        originCountry: e.vpn.originCountry ?? 'unknown',
        methods: {
          timezoneMismatch: e.vpn.methods.timezoneMismatch,
          publicVPN: e.vpn.methods.publicVpn,
          auxiliaryMobile: e.vpn.methods.auxiliaryMobile,
          osMismatch: e.vpn.methods.osMismatch,
          relay: e.vpn.methods.relay,
          mlPrediction: e.vpn.methods.mlPrediction,
        },
      }),
      proxy: data({
        result: e.proxy.result,
        confidence: e.proxy.confidence,
        details: e.proxy.details && { proxyType: e.proxy.details.type, lastSeenAt: iso(e.proxy.details.lastSeenAtMs) },
        mlScore: e.proxy.mlScore,
      }),
      incognito: web && result(web.incognito),
      tampering: data({
        result: e.tampering.result,
        confidence: e.tampering.confidence,
        anomalyScore: e.tampering.anomalyScore,
        mlScore: e.tampering.mlScore,
        antiDetectBrowser: e.tampering.antiDetectBrowser,
      }),
      clonedApp: result(e.mobile?.clonedApp ?? false),
      factoryReset: data({
        time: iso((e.mobile?.factoryResetSec ?? 0) * 1000),
        timestamp: e.mobile?.factoryResetSec ?? 0,
      }),
      jailbroken: result(e.mobile?.jailbroken ?? false),
      frida: result(e.mobile?.frida ?? false),
      privacySettings: web && result(web.privacySettings),
      virtualMachine: web && data({ result: web.virtualMachine, mlScore: web.virtualMachineMlScore }),
      rawDeviceAttributes:
        attributes &&
        data({
          timezone: { value: attributes.timezone },
          screenResolution: { value: [...attributes.screen] },
          languages: { value: attributes.languages },
          hardwareConcurrency: { value: attributes.hardwareConcurrency },
          deviceMemory: attributes.deviceMemory === undefined ? undefined : { value: attributes.deviceMemory },
          colorDepth: attributes.colorDepth === undefined ? undefined : { value: attributes.colorDepth },
          platform: attributes.platform === undefined ? undefined : { value: attributes.platform },
          vendor: attributes.vendor === undefined ? undefined : { value: attributes.vendor },
        }),
      highActivity: result(e.highActivity),
      locationSpoofing: result(e.mobile?.locationSpoofing ?? false),
      suspectScore: e.suspectScore === undefined ? undefined : data({ result: e.suspectScore }),
      rareDevice:
        web?.rareDeviceBucket === undefined
          ? undefined
          : data({ result: web.rareDeviceBucket !== '<p95', percentileBucket: web.rareDeviceBucket }),
      // A window the vendor could not compute is an empty object, as in its own example.
      velocity: data(
        Object.fromEntries(
          VELOCITY_KEYS.map((key) => {
            const counts = e.velocity[key];
            return [key, counts ? { intervals: { '5m': counts.m5, '1h': counts.h1, '24h': counts.h24 } } : {}];
          }),
        ),
      ),
      developerTools: result(e.developerTools),
      mitmAttack: result(e.mobile?.mitmAttack ?? false),
      proximity:
        e.proximity &&
        data({ id: e.proximity.id, precisionRadius: e.proximity.precisionRadius, confidence: e.proximity.confidence }),
      labels: e.mlLabels && {
        data: e.mlLabels.map((item) => ({ label: item.label, prediction: item.prediction, mlScore: item.mlScore })),
      },
    },
  };
}

function seenAt(ms: number | undefined): JsonObject {
  const value = ms === undefined ? null : iso(ms);
  return { global: value, subscription: value };
}

function geolocation(ip: FpIp): JsonObject {
  const g = ip.geolocation;
  return {
    accuracyRadius: g.accuracyRadius,
    latitude: g.latitude,
    longitude: g.longitude,
    postalCode: g.postalCode,
    timezone: g.timezone,
    city: { name: g.city },
    country: { code: g.countryCode, name: g.countryName },
    continent: { code: g.continentCode, name: g.continentName },
    subdivisions: g.subdivisions.map((item) => ({ isoCode: item.code, name: item.name })),
  };
}

function ipInfo(ip: FpIp): JsonObject {
  return {
    address: ip.address,
    geolocation: geolocation(ip),
    asn: ip.asn && { asn: ip.asn.number, name: ip.asn.name, network: ip.asn.network, type: ip.asn.type },
    datacenter: ip.datacenter && { result: ip.datacenter.result, name: ip.datacenter.name },
  };
}

/** A 200 whose failed products carry `error` instead of `data` (raw attributes: per attribute). */
function failed(failures: Readonly<Record<string, string>>, e: FpEvent): Reply {
  const body = render(e);
  const products = objectAt(body, ['products']) ?? {};
  const every = failures['*'];
  for (const [name, product] of Object.entries(products)) {
    if (product === undefined) continue;
    const code = every ?? failures[name];
    if (code === undefined) continue;
    if (name === 'rawDeviceAttributes') {
      const attributes = objectAt(products, [name, 'data']) ?? {};
      const errors = Object.keys(attributes).map((key) => [key, { error: { name: 'Error', message: 'not computed' } }]);
      products[name] = { data: Object.fromEntries(errors) };
    } else {
      products[name] = { error: { code, message: isRateLimit(code) ? 'too many requests' : 'internal server error' } };
    }
  }
  return successReply(body);
}

function drift(kind: DriftKind, event: JsonObject): void {
  const products = objectAt(event, ['products']);
  if (!products) return;
  if (kind === 'unknownFields') {
    products['simNewSignal'] = { data: { result: false } };
    setAt(products, ['identification', 'data', 'simNewField'], 'added by the simulator');
    setAt(products, ['identification', 'data', 'browserDetails', 'unknownSubField'], 'added by the simulator');
  } else if (kind === 'unknownEnums') {
    setAt(products, ['botd', 'data', 'bot', 'result'], 'suspiciousNewKind');
    setAt(products, ['vpn', 'data', 'confidence'], 'very_high');
    const tampering = objectAt(products, ['tampering', 'data']);
    if (tampering?.['confidence'] !== undefined) tampering['confidence'] = 'almost_certain';
    setAt(products, ['proxy', 'data', 'details'], {
      ...objectAt(products, ['proxy', 'data', 'details']),
      proxyType: 'mobile_carrier',
    });
  } else {
    for (const path of [['visitorId'], ['timestamp'], ['visitorFound'], ['browserDetails', 'browserName']]) {
      deleteAt(products, ['identification', 'data', ...path]);
    }
    deleteAt(products, ['botd', 'data', 'bot', 'result']);
  }
}

export const V3: ApiVersion = {
  authError(request) {
    const key = header(request, 'auth-api-key') || request.query.get('api_key');
    if (!key) return errorReply(403, 'TokenRequired', 'secret key is required');
    if (key !== SIMULATOR_CREDENTIALS.fingerprint.secretApiKey) return error(403, 'event');
    return undefined;
  },
  error,
  invalid: (message) => errorReply(400, 'RequestCannotBeParsed', message),
  limitRequired: true,
  rulesets: false,
  updateFields: { linkedId: 'linkedId', tags: 'tag' },
  maxUpdateAgeMs: 10 * DAY_MS,
  render,
  failed,
  // Edge events exist in v4 only.
  edge: () => error(404, 'event'),
  searchBody: (events) => ({ events }),
  drift,
};
