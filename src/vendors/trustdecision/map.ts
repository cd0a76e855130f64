import { formatDeviceId } from '../../model/device-id.ts';
import type { BotFacts, DeviceFacts, Geolocation, IpFacts, Platform } from '../../model/facts.ts';
import type { VendorReport } from '../../model/report.ts';
import { riskLabel } from '../../risk/taxonomy.ts';
import { isoFromEpochMs } from '../time.ts';
import { DriftLog, geolocation, ipVersionOf, mapEnum } from '../tolerant.ts';
import { DEFAULT_RISK_SCORE_MAX, trustDecisionLabelHits } from './labels.ts';
import type { DeviceDetail, DeviceInfo } from './schema.ts';
import type {
  TrustDecisionDeviceDetail,
  TrustDecisionGps,
  TrustDecisionIpLocation,
  TrustDecisionView,
} from './view.ts';

/** Prefix of the unified device ids this vendor issues (`trustdecision:<id>`). */
export const TRUSTDECISION_DEVICE_PREFIX = 'trustdecision';

/**
 * `device_os` → platform. HarmonyOS is `UNKNOWN`, not `ANDROID`: HarmonyOS NEXT no longer runs
 * Android apps or AOSP, TrustDecision documents no Harmony `device_detail` variant, and calling it
 * Android would feed Android-specific reasoning (root, ADB) with a device that is not one. Mini
 * Programs (WeChat and similar) run inside another app on any OS.
 */
const PLATFORMS = {
  Android: 'ANDROID',
  iOS: 'IOS',
  Web: 'WEB',
  Harmony: 'UNKNOWN',
  'Mini Program': 'UNKNOWN',
} as const satisfies Record<string, Platform>;

/** Documented value sets of `device_detail` (Android and iOS lists together); others are drift, kept verbatim. */
const VOCABULARIES = {
  'device_detail.network_type': ['2g', '3g', '4g', '5g', 'wifi', 'mobile', 'bluetooth_tethering', 'unknown'],
  'device_detail.charge_state': ['charging', 'full', 'not_charging', 'discharging', 'unplugged', 'unknown'],
} as const satisfies Record<string, readonly string[]>;

/** Epoch milliseconds before 1973 are not timestamps (one documented example is `"14816942"`). */
const MIN_EPOCH_MS = 1e11;

export type TrustDecisionReport = VendorReport<TrustDecisionView>;

/** TrustDecision `DeviceInfo` → report (facts, labels, view). */
export function buildTrustDecisionReport(
  info: DeviceInfo,
  drift = new DriftLog(),
  scoreMax = DEFAULT_RISK_SCORE_MAX,
): TrustDecisionReport {
  const detail = info.device_detail;
  const platform = mapEnum(info.device_os, PLATFORMS, drift.unknownEnum('device_os'));
  recordVocabularyDrift(detail, drift);
  const isWeb = platform === 'WEB';
  const labels = info.device_risk_label ?? [];
  const installedTools = info.device_risk_tools?.installed_risk_tools_type ?? [];
  const runningTools = info.device_risk_tools?.running_risk_tools_type ?? [];
  const currentTime = detail?.current_time;

  const view: TrustDecisionView = {
    deviceId: info.device_id ?? null,
    deviceOs: info.device_os ?? null,
    channel: info.channel ?? null,
    sequenceId: info.sequence_id ?? null,
    riskScore: info.device_risk_score ?? null,
    riskLabels: labels,
    installedRiskTools: installedTools,
    runningRiskTools: runningTools,
    ipLocation: ipLocationView(info.ip_location),
    detail: detail ? detailView(detail) : null,
    raw: info,
  };

  return {
    action: {
      time: currentTime !== undefined && currentTime > MIN_EPOCH_MS ? isoFromEpochMs(currentTime) : undefined,
      url: isWeb ? detail?.url : undefined,
    },
    device: deviceFacts(info, platform),
    ip: ipFacts(info, labels),
    bot: botFacts(labels),
    labels: trustDecisionLabelHits(
      {
        labels,
        installedTools,
        runningTools,
        riskScore: info.device_risk_score,
        vpnIp: detail?.vpn_ip,
        proxyInfo: detail?.proxy_info,
      },
      scoreMax,
      drift,
    ).map((hit) => riskLabel('TRUSTDECISION', hit)),
    view,
    drift: drift.entries,
  };
}

function deviceFacts(info: DeviceInfo, platform: Platform | undefined): DeviceFacts | undefined {
  const detail = info.device_detail;
  if (!info.device_id && !detail) return undefined;
  const isWeb = platform === 'WEB';
  return {
    id: info.device_id ? formatDeviceId(TRUSTDECISION_DEVICE_PREFIX, info.device_id) : undefined,
    platform,
    // Mobile variants report the OS version only; the OS family is `device_os` itself.
    os: isWeb ? detail?.os : info.device_os,
    osVersion: isWeb ? undefined : detail?.system_version,
    browserName: isWeb ? detail?.browser_name : undefined,
    browserVersion: isWeb ? detail?.browser_version : undefined,
    model: isWeb ? detail?.device_type : detail?.model,
    brand: detail?.brand,
    screenResolution: detail?.screen_resolution,
    language: detail?.language,
    timezone: detail?.time_zone_district,
    userAgent: isWeb ? detail?.user_agent : undefined,
  };
}

/**
 * TrustDecision only raises these labels, so their absence states nothing. A headless browser is
 * automation; a crawler TrustDecision flags as a risk is a bad bot.
 */
function botFacts(labels: readonly string[]): BotFacts | undefined {
  const headless = labels.includes('headless_mode');
  const crawler = labels.includes('crawler');
  if (!headless && !crawler) return undefined;
  return { detected: true, kind: headless ? 'AUTOMATION' : 'BAD_BOT', ...(headless ? { headless } : {}) };
}

function ipFacts(info: DeviceInfo, labels: readonly string[]): IpFacts | undefined {
  const detail = info.device_detail;
  const address = detail?.ip;
  const geolocation = geolocationOf(info.ip_location);
  // TrustDecision only ever raises these labels, or fills these fields; their absence is not a
  // denial (web devices are never checked for VPNs, and the labels need the Enterprise plan).
  const vpn = labels.includes('vpn_detected') || detail?.vpn_ip ? true : undefined;
  const proxy =
    labels.includes('proxy_detected') || detail?.proxy_info
      ? { result: true, type: null, confidence: null, provider: null }
      : undefined;
  if (!address && !geolocation && !vpn && !proxy) return undefined;
  return { address, version: ipVersionOf(address), geolocation, vpn, proxy };
}

function geolocationOf(location: DeviceInfo['ip_location']): Geolocation | undefined {
  if (
    !location ||
    !(location.country_id || location.country || location.region || location.city || location.continent)
  ) {
    return undefined;
  }
  return geolocation({
    city: location.city ?? null,
    subdivisions: location.region ? [{ code: null, name: location.region }] : null,
    country:
      location.country_id || location.country
        ? { code: location.country_id ?? null, name: location.country ?? null }
        : null,
    continent: location.continent ? { code: null, name: location.continent } : null,
  });
}

function ipLocationView(location: DeviceInfo['ip_location']): TrustDecisionIpLocation | null {
  if (!location) return null;
  return {
    continent: location.continent ?? null,
    country: location.country ?? null,
    countryCode: location.country_id ?? null,
    region: location.region ?? null,
    city: location.city ?? null,
  };
}

function detailView(detail: DeviceDetail): TrustDecisionDeviceDetail {
  return {
    ip: detail.ip ?? null,
    appVersion: detail.app_version ?? null,
    systemVersion: detail.system_version ?? null,
    apiVersion: detail.api_version ?? null,
    sdkVersion: detail.fp_version ?? null,
    model: detail.model ?? null,
    brand: detail.brand ?? null,
    deviceName: detail.device_name ?? null,
    networkType: detail.network_type ?? null,
    timeZone: detail.time_zone ?? null,
    timeZoneDistrict: detail.time_zone_district ?? null,
    startupTime: detail.startup_time ?? null,
    upTimeMs: detail.up_time ?? null,
    chargeState: detail.charge_state ?? null,
    batteryLevel: detail.battery_level ?? null,
    screenResolution: detail.screen_resolution ?? null,
    screenBrightness: detail.screen_brightness ?? null,
    totalMemoryBytes: detail.total_memory ?? null,
    availableMemoryBytes: detail.available_memory ?? null,
    totalStorageBytes: detail.total_storage ?? null,
    availableStorageBytes: detail.available_storage ?? null,
    gps: gpsView(detail),
    language: detail.language ?? null,
    carrier: detail.carrier ?? null,
    simOperator: detail.sim_operator ?? null,
    mcc: detail.mcc ?? [],
    mnc: detail.mnc ?? [],
    countryIso: detail.country_iso ?? null,
    wifiIp: detail.wifi_ip ?? null,
    cellIp: detail.cell_ip ?? null,
    vpnIp: detail.vpn_ip ?? null,
    ipv6: detail.ipv6 ?? null,
    dnsAddress: detail.dns_address ?? null,
    proxyInfo: detail.proxy_info ?? null,
    ssid: detail.ssid ?? null,
    bssid: detail.bssid ?? null,
    androidId: detail.android_id ?? null,
    hardware: detail.hardware ?? null,
    product: detail.product ?? null,
    host: detail.host ?? null,
    deviceSvn: detail.device_svn ?? null,
    cpuHardware: detail.cpu_hardware ?? null,
    cpuType: detail.cpu_type ?? null,
    basebandVersion: detail.baseband_version ?? null,
    packageName: detail.package_name ?? null,
    bundleId: detail.bundle_id ?? null,
    signMd5: detail.sign_md5 ?? null,
    // `-` is TrustDecision's "no name".
    installedPackages: (detail.installed_packages ?? []).map((app) => ({
      package: app.package,
      name: app.name && app.name !== '-' ? app.name : null,
    })),
    runningPackages: detail.running_packages ?? [],
    browserName: detail.browser_name ?? null,
    browserVersion: detail.browser_version ?? null,
    userAgent: detail.user_agent ?? null,
    os: detail.os ?? null,
    deviceType: detail.device_type ?? null,
    referer: detail.referer ?? null,
    canvas: detail.canvas ?? null,
  };
}

/** The device's own location: coordinates everywhere, a resolved address only from China nodes. */
function gpsView(detail: DeviceDetail): TrustDecisionGps | null {
  const location = detail.gps_location;
  if (detail.latitude === undefined && detail.longitude === undefined && !location) return null;
  return {
    latitude: detail.latitude ?? null,
    longitude: detail.longitude ?? null,
    address: location?.address ?? null,
    city: location?.city ?? null,
    province: location?.province ?? null,
    township: location?.township ?? null,
  };
}

function recordVocabularyDrift(detail: DeviceDetail | undefined, drift: DriftLog): void {
  const values: Record<keyof typeof VOCABULARIES, string | undefined> = {
    'device_detail.network_type': detail?.network_type,
    'device_detail.charge_state': detail?.charge_state,
  };
  for (const [field, known] of Object.entries(VOCABULARIES) as [keyof typeof VOCABULARIES, readonly string[]][]) {
    const value = values[field];
    if (value !== undefined && !known.includes(value)) drift.unknownEnum(field)(value);
  }
}
