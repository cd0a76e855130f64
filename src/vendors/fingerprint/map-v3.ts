import type { Geolocation, VelocityCounts } from '../../model/facts.ts';
import { isoFromString } from '../time.ts';
import { nonEmpty } from '../tolerant.ts';
import { screenResolution } from './map-v4.ts';
import type { NormalizedEvent, NormalizedIp } from './normalized.ts';
import type { V3Event } from './schema.ts';

type Products = V3Event['products'];
type V3IpInfo = NonNullable<NonNullable<NonNullable<Products['ipInfo']>['data']>['v4']>;
type V3Geolocation = NonNullable<V3IpInfo['geolocation']>;
type V3Intervals = NonNullable<NonNullable<NonNullable<Products['velocity']>['data']>['events']>;

/** v3 spells bot results in camelCase; v4 (our vocabulary) in snake_case. */
const V3_BOT_RESULT: Readonly<Record<string, string>> = { notDetected: 'not_detected', good: 'good', bad: 'bad' };

/**
 * Server API v3 event (`products.X.data`, camelCase) → version-neutral event. A product that
 * carries `error` instead of `data` simply contributes nothing.
 */
export function normalizeV3(event: V3Event, requestId: string): NormalizedEvent {
  const p = event.products;
  const id = p.identification?.data;
  const velocity = p.velocity?.data;
  const botResult = p.botd?.data?.bot?.result;
  const factoryReset = p.factoryReset?.data?.timestamp;
  const attributes = p.rawDeviceAttributes?.data;
  return {
    eventId: nonEmpty(id?.requestId) ?? requestId,
    origin: 'API_V3',
    timestampMs: id?.timestamp,
    visitorId: nonEmpty(id?.visitorId),
    visitorFound: id?.visitorFound,
    confidence: id?.confidence?.score,
    firstSeenAt: isoFromString(id?.firstSeenAt?.subscription ?? id?.firstSeenAt?.global),
    lastSeenAt: isoFromString(id?.lastSeenAt?.subscription ?? id?.lastSeenAt?.global),
    linkedId: nonEmpty(id?.linkedId),
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
    vpn: p.vpn?.data?.result,
    vpnConfidence: p.vpn?.data?.confidence,
    vpnMlScore: p.vpn?.data?.mlScore,
    vpnMethods: {
      timezoneMismatch: p.vpn?.data?.methods?.timezoneMismatch,
      relay: p.vpn?.data?.methods?.relay,
    },
    proxy: p.proxy?.data?.result,
    proxyConfidence: p.proxy?.data?.confidence,
    proxyMlScore: p.proxy?.data?.mlScore,
    proxyType: p.proxy?.data?.details?.proxyType,
    tampering: p.tampering?.data?.result,
    tamperingMlScore: p.tampering?.data?.mlScore,
    anomalyScore: p.tampering?.data?.anomalyScore,
    antiDetectBrowser: p.tampering?.data?.antiDetectBrowser,
    blocklist: {
      emailSpam: p.ipBlocklist?.data?.details?.emailSpam,
      attackSource: p.ipBlocklist?.data?.details?.attackSource,
      torNode: p.tor?.data?.result,
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
    replayed: id?.replayed,
    rareDeviceBucket: nonEmpty(p.rareDevice?.data?.percentileBucket),
    mobile: {
      rootApps: p.rootApps?.data?.result,
      emulator: p.emulator?.data?.result,
      jailbroken: p.jailbroken?.data?.result,
      frida: p.frida?.data?.result,
      clonedApp: p.clonedApp?.data?.result,
      locationSpoofing: p.locationSpoofing?.data?.result,
      mitmAttack: p.mitmAttack?.data?.result,
      factoryResetEpoch: factoryReset,
    },
    attributes: {
      timezone: nonEmpty(attributes?.timezone?.value),
      screenResolution: screenResolution(attributes?.screenResolution?.value),
      language: attributes?.languages?.value?.[0]?.[0],
    },
    mlLabels: [],
    raw: event,
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
