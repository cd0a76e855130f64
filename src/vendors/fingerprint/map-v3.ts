import type { Geolocation, VelocityCounts } from '../../model/facts.ts';
import { VendorError } from '../errors.ts';
import { isoFromString } from '../time.ts';
import { nonEmpty } from '../tolerant.ts';
import { languages, screenResolution } from './map-v4.ts';
import type { NormalizedAttributes, NormalizedEvent, NormalizedIp } from './normalized.ts';
import type { V3Event } from './schema.ts';

type Products = V3Event['products'];
type V3IpInfo = NonNullable<NonNullable<NonNullable<Products['ipInfo']>['data']>['v4']>;
type V3Geolocation = NonNullable<V3IpInfo['geolocation']>;
type V3Intervals = NonNullable<NonNullable<NonNullable<Products['velocity']>['data']>['events']>;
type RawAttributes = NonNullable<NonNullable<Products['rawDeviceAttributes']>['data']>;

/** v3 spells bot results in camelCase; v4 (our vocabulary) in snake_case. */
const V3_BOT_RESULT: Readonly<Record<string, string>> = { notDetected: 'not_detected', good: 'good', bad: 'bad' };

/**
 * Server API v3 event (`products.X.data`, camelCase) → version-neutral event. A product that
 * carries `error` instead of `data` is a failed part of the answer (see `failedProducts`).
 */
export function normalizeV3(event: V3Event, requestId: string): NormalizedEvent {
  const p = event.products;
  const failedParts = failedProducts(p);
  const id = p.identification?.data;
  const velocity = p.velocity?.data;
  const botResult = p.botd?.data?.bot?.result;
  const factoryReset = p.factoryReset?.data?.timestamp;
  const vpn = p.vpn?.data;
  const proxy = p.proxy?.data;
  const proximity = p.proximity?.data;
  const time = isoFromString(id?.time);
  return {
    eventId: nonEmpty(id?.requestId) ?? requestId,
    origin: 'API_V3',
    failedParts,
    timestampMs: id?.timestamp ?? (time ? Date.parse(time) : undefined),
    visitorId: nonEmpty(id?.visitorId),
    visitorFound: id?.visitorFound,
    confidence: id?.confidence?.score,
    firstSeenAt: isoFromString(id?.firstSeenAt?.subscription ?? id?.firstSeenAt?.global),
    lastSeenAt: isoFromString(id?.lastSeenAt?.subscription ?? id?.lastSeenAt?.global),
    linkedId: nonEmpty(id?.linkedId),
    environmentId: nonEmpty(id?.environmentId),
    suspect: id?.suspect,
    url: nonEmpty(id?.url),
    ipAddress: nonEmpty(id?.ip),
    userAgent: nonEmpty(id?.browserDetails?.userAgent),
    browser: {
      name: nonEmpty(id?.browserDetails?.browserName),
      fullVersion: nonEmpty(id?.browserDetails?.browserFullVersion),
      os: nonEmpty(id?.browserDetails?.os),
      osVersion: nonEmpty(id?.browserDetails?.osVersion),
      device: nonEmpty(id?.browserDetails?.device),
    },
    sdk: { platform: id?.sdk?.platform, version: id?.sdk?.version },
    bot: botResult === undefined ? undefined : (V3_BOT_RESULT[botResult] ?? botResult),
    botType: nonEmpty(p.botd?.data?.bot?.type),
    suspectScore: p.suspectScore?.data?.result,
    // v4's top-level `incognito` is v3's `identification.incognito` (migration guide).
    incognito: id?.incognito ?? p.incognito?.data?.result,
    vpn: vpn?.result,
    vpnConfidence: vpn?.confidence,
    vpnMlScore: vpn?.mlScore,
    vpnOriginTimezone: nonEmpty(vpn?.originTimezone),
    vpnOriginCountry: nonEmpty(vpn?.originCountry),
    vpnMethods: {
      timezoneMismatch: vpn?.methods?.timezoneMismatch,
      publicVpn: vpn?.methods?.publicVPN,
      auxiliaryMobile: vpn?.methods?.auxiliaryMobile,
      osMismatch: vpn?.methods?.osMismatch,
      relay: vpn?.methods?.relay,
      mlPrediction: vpn?.methods?.mlPrediction,
    },
    proxy: proxy?.result,
    proxyConfidence: proxy?.confidence,
    proxyMlScore: proxy?.mlScore,
    proxyType: proxy?.details?.proxyType,
    proxyProvider: nonEmpty(proxy?.details?.service),
    proxyLastSeenAt: isoFromString(proxy?.details?.lastSeenAt),
    tampering: p.tampering?.data?.result,
    tamperingConfidence: p.tampering?.data?.confidence,
    tamperingMlScore: p.tampering?.data?.mlScore,
    anomalyScore: p.tampering?.data?.anomalyScore,
    antiDetectBrowser: p.tampering?.data?.antiDetectBrowser,
    blocklist: {
      emailSpam: p.ipBlocklist?.data?.details?.emailSpam,
      attackSource: p.ipBlocklist?.data?.details?.attackSource,
      torNode: p.tor?.data?.result,
      any: p.ipBlocklist?.data?.result,
    },
    ip: pickIp(p),
    velocity: {
      distinctIps: intervals(velocity?.distinctIp),
      distinctLinkedIds: intervals(velocity?.distinctLinkedId),
      distinctCountries: intervals(velocity?.distinctCountry),
      events: intervals(velocity?.events),
      ipEvents: intervals(velocity?.ipEvents),
      distinctIpsByLinkedId: intervals(velocity?.distinctIpByLinkedId),
      distinctDevicesByLinkedId: intervals(velocity?.distinctVisitorIdByLinkedId),
    },
    virtualMachine: p.virtualMachine?.data?.result,
    virtualMachineMlScore: p.virtualMachine?.data?.mlScore,
    privacySettings: p.privacySettings?.data?.result,
    developerTools: p.developerTools?.data?.result,
    highActivity: p.highActivity?.data?.result,
    highActivityDailyRequests: p.highActivity?.data?.dailyRequests,
    replayed: id?.replayed,
    rareDevice: p.rareDevice?.data?.result,
    rareDeviceBucket: nonEmpty(p.rareDevice?.data?.percentileBucket),
    proximity: proximity && {
      id: nonEmpty(proximity.id),
      precisionRadius: proximity.precisionRadius,
      confidence: proximity.confidence,
    },
    mobile: {
      rootApps: p.rootApps?.data?.result,
      emulator: p.emulator?.data?.result,
      simulator: p.simulator?.data?.result,
      jailbroken: p.jailbroken?.data?.result,
      frida: p.frida?.data?.result,
      clonedApp: p.clonedApp?.data?.result,
      locationSpoofing: p.locationSpoofing?.data?.result,
      mitmAttack: p.mitmAttack?.data?.result,
      factoryResetEpoch: factoryReset,
    },
    attributes: attributes(p.rawDeviceAttributes?.data),
    mlLabels: (p.labels?.data ?? []).map((item) => ({
      label: item.label,
      prediction: item.prediction,
      mlScore: item.mlScore,
    })),
    raw: event,
  };
}

/** The v3 error codes of a rate limit (Fingerprint's own example uses both spellings). */
const RATE_LIMIT_CODES: ReadonlySet<string> = new Set(['TooManyRequests', '429 Too Many Requests']);

interface FailedProduct {
  name: string;
  code: string;
}

/**
 * The products of a v3 answer that carry `error` instead of `data`, as the report's failed parts
 * (`products.botd (TooManyRequests)`). An answer whose identification failed, or whose every
 * product failed, is no answer: it throws the failure (rate limited when every failure was a rate
 * limit, else unavailable). An answer with no product at all is not an event.
 */
function failedProducts(products: Products): string[] {
  const failed: FailedProduct[] = [];
  let answered = 0;
  for (const [name, value] of Object.entries(products)) {
    const code = errorCode(value);
    if (code !== undefined) failed.push({ name, code });
    else if (typeof value === 'object' && value !== null && 'data' in value && value.data) answered++;
  }
  const identification = failed.find((product) => product.name === 'identification');
  if (identification) throw productFailure([identification], 'could not identify the event');
  if (failed.length > 0 && answered === 0) throw productFailure(failed, 'answered with every product failed');
  if (answered === 0) throw VendorError.badResponse('FINGERPRINT', 'answered an event without any product');
  return failed.map(part);
}

/** The code of a product's `error`, when it has one (`unknown` when the error says none). */
function errorCode(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || !('error' in value) || !value.error) return undefined;
  const error = value.error;
  const code = typeof error === 'object' && 'code' in error && typeof error.code === 'string' ? error.code : '';
  // Vendor vocabulary, shown in messages: letters, digits and spaces only, and short.
  return code.replace(/[^A-Za-z0-9 _-]/g, '').slice(0, 40) || 'unknown';
}

function part(product: FailedProduct): string {
  return `products.${product.name} (${product.code})`;
}

function productFailure(failed: readonly FailedProduct[], what: string): VendorError {
  const message = `${what}: ${failed.map(part).join(', ')}`;
  const options = { vendorCode: failed[0]?.code };
  return failed.every((product) => RATE_LIMIT_CODES.has(product.code))
    ? VendorError.rateLimited('FINGERPRINT', message, options)
    : VendorError.unavailable('FINGERPRINT', message, options);
}

/** v3 raw attributes hold `{ value }` per attribute name; only the ones the view shows are read. */
function attributes(raw: RawAttributes | undefined): NormalizedAttributes {
  return {
    timezone: nonEmpty(raw?.timezone?.value),
    languages: languages(raw?.languages?.value),
    screenResolution: screenResolution(raw?.screenResolution?.value),
    colorDepth: raw?.colorDepth?.value,
    hardwareConcurrency: raw?.hardwareConcurrency?.value,
    deviceMemory: raw?.deviceMemory?.value,
    platform: nonEmpty(raw?.platform?.value),
    vendor: nonEmpty(raw?.vendor?.value),
  };
}

/**
 * The request IP with its data. `ipInfo` describes the address it names; when that is not the
 * identification IP (the vendor's own example does this), only the deprecated `ipLocation`, which
 * is keyed on the identification IP, describes the request, so AS and data-centre data are dropped
 * rather than attributed to the wrong address.
 */
function pickIp(p: Products): NormalizedIp | undefined {
  const identification = p.identification?.data;
  const address = nonEmpty(identification?.ip);
  const entries = [p.ipInfo?.data?.v4, p.ipInfo?.data?.v6].filter((entry): entry is V3IpInfo => !!entry?.address);
  const entry = address ? entries.find((candidate) => candidate.address === address) : entries[0];
  if (entry?.address) {
    return {
      address: entry.address,
      geolocation: geolocation(entry.geolocation),
      asn: entry.asn
        ? {
            number: entry.asn.asn ?? null,
            name: nonEmpty(entry.asn.name) ?? null,
            network: nonEmpty(entry.asn.network) ?? null,
            type: nonEmpty(entry.asn.type) ?? null,
          }
        : undefined,
      datacenter: entry.datacenter?.result,
      datacenterName: nonEmpty(entry.datacenter?.name),
    };
  }
  if (!address) return undefined;
  return { address, geolocation: geolocation(identification?.ipLocation) };
}

function geolocation(geo: V3Geolocation | undefined): Geolocation | undefined {
  if (!geo || Object.keys(geo).length === 0) return undefined;
  return {
    city: nonEmpty(geo.city?.name) ?? null,
    subdivisions: geo.subdivisions?.map((item) => ({ code: item.isoCode ?? null, name: item.name ?? null })) ?? null,
    country: geo.country ? { code: geo.country.code ?? null, name: geo.country.name ?? null } : null,
    continent: geo.continent ? { code: geo.continent.code ?? null, name: geo.continent.name ?? null } : null,
    latitude: geo.latitude ?? null,
    longitude: geo.longitude ?? null,
    accuracyRadiusKm: geo.accuracyRadius ?? null,
    postalCode: nonEmpty(geo.postalCode) ?? null,
    timezone: nonEmpty(geo.timezone) ?? null,
  };
}

function intervals(data: V3Intervals | undefined): VelocityCounts | undefined {
  const values = data?.intervals;
  if (!values) return undefined;
  return { last5m: values['5m'] ?? null, last1h: values['1h'] ?? null, last24h: values['24h'] ?? null };
}
