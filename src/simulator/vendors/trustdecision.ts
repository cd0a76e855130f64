import { SIMULATOR_CREDENTIALS } from '../credentials.ts';
import { APP, type NativeDevice } from '../devices.ts';
import { deleteAt, type JsonObject, setAt } from '../json.ts';
import { type Persona, persona, tokenTimeMs, variation } from '../persona.ts';
import { Rng } from '../random.ts';
import { jsonReply, type Reply, successReply } from '../reply.ts';
import {
  type DriftKind,
  fixedRoute,
  isUnknownToken,
  isWellFormedToken,
  jsonObjectBody,
  type Route,
  type VendorRequest,
  type VendorSimulator,
} from './types.ts';

/**
 * TrustDecision Device Information Query API: `POST /device/v3?partner_code=&partner_key=` with
 * `{"black_box": "…"}`, answering the `DeviceInfo` of the seed plus the envelope (`code`,
 * `message`, `sequence_id`, `device_risk_score`, `channel`).
 *
 * Every answer is HTTP 200; the body `code` says what happened. TrustDecision publishes no code
 * table, so the simulator uses HTTP-like codes (its Decision Feedback API uses 200 = success):
 *   200 success · 400 black_box missing or malformed · 401 invalid partner_code/partner_key ·
 *   404 black_box unknown or expired · 429 rate limit · 500 internal error.
 * A `status` fault answers that HTTP status with a body carrying the same code.
 */
export function trustDecisionSimulator(): VendorSimulator {
  return { vendor: 'TRUSTDECISION', prefix: '/trustdecision', route };
}

const MESSAGES: Readonly<Record<number, string>> = {
  400: 'black_box is missing or malformed',
  401: 'invalid partner_code or partner_key',
  404: 'black_box not found or expired',
  429: 'request rate limit exceeded',
  500: 'internal error',
  503: 'service unavailable',
};

function route(request: VendorRequest): Route {
  if (request.method !== 'POST' || request.path !== '/device/v3') {
    return fixedRoute(jsonReply(404, { code: 404, message: `no API at ${request.method} ${request.path}` }));
  }
  const body = jsonObjectBody(request.body);
  const blackBox = typeof body?.['black_box'] === 'string' ? body['black_box'] : undefined;
  const errorBody = (code: number, status: number): Reply =>
    jsonReply(status, { code, message: MESSAGES[code] ?? 'error', sequence_id: sequenceId(blackBox ?? request.body) });
  return {
    token: blackBox,
    answer() {
      const { query } = request;
      const credentials = SIMULATOR_CREDENTIALS.trustDecision;
      if (query.get('partner_code') !== credentials.partnerCode || query.get('partner_key') !== credentials.partnerKey)
        return errorBody(401, 200);
      if (blackBox === undefined || !isWellFormedToken(blackBox)) return errorBody(400, 200);
      if (isUnknownToken(blackBox)) return errorBody(404, 200);
      return successReply(deviceInfo(blackBox));
    },
    errorFor: (status) => errorBody(status, status),
    notFound: () => errorBody(404, 200),
    drift,
  };
}

/** Unique per call at the real vendor; derived from the black box here so answers are reproducible. */
function sequenceId(blackBox: string): string {
  const rng = new Rng('trustdecision-sequence', blackBox);
  return `${tokenTimeMs(blackBox)}${rng.digits(6)}`;
}

function deviceInfo(blackBox: string): JsonObject {
  const who = persona(blackBox);
  const { device, session } = who;
  const rng = new Rng('trustdecision', blackBox);
  const place = session.connection.place;
  const os = device.platform === 'android' ? 'Android' : device.platform === 'ios' ? 'iOS' : 'Web';
  const { labels, tools } = risks(who, rng);
  return {
    code: 200,
    message: 'success',
    sequence_id: sequenceId(blackBox),
    device_id: deviceId(device.visitorId),
    device_os: os,
    channel:
      device.platform === 'web'
        ? 'web'
        : device.platform === 'ios'
          ? 'appstore'
          : rng.pick(['googleplay', 'googleplay', 'huawei_appgallery']),
    device_detail: detail(who, rng, blackBox),
    ip_location: {
      country: place.country.name,
      region: place.subdivision.name,
      city: place.city,
      country_id: place.country.code,
      continent: place.country.continent.name,
    },
    device_risk_score: riskScore(who, rng),
    device_risk_label: labels,
    device_risk_tools: tools,
  };
}

/** TrustDecision's device id shape (`A1VHK6r9-T3E2-U77L-786n-6kn6ZJhQt5ee`), stable per device. */
function deviceId(visitorId: string): string {
  const rng = new Rng('trustdecision-device', visitorId);
  return [8, 4, 4, 4, 12].map((length) => rng.alnum(length)).join('-');
}

/** High-risk devices score at or above 80, where clients usually draw the line. */
function riskScore({ device, session }: Persona, rng: Rng): number {
  if (device.tier === 'high') return rng.int(80, 100);
  if (device.tier === 'medium' || session.connection.datacenter) return rng.int(30, 65);
  return rng.int(0, 25);
}

/** Documented labels and tools for the persona's risks, plus the vendor's undocumented extra label. */
function risks(who: Persona, rng: Rng): { labels: string[]; tools: JsonObject } {
  const { device, session } = who;
  const { flags } = device;
  const c = session.connection;
  const app = device.platform !== 'web';
  const candidates: readonly (readonly [boolean, string])[] = [
    [flags.emulator, 'emulator'],
    [flags.rooted, 'root'],
    [flags.jailbroken, 'jail_break'],
    [flags.frida, 'hook_tool_detected'],
    [flags.clonedApp, 'app_multiple_running'],
    [flags.locationSpoofing, 'gps_fake'],
    [flags.tampering, 'device_info_tampered'],
    [flags.tampering && flags.antiDetectBrowser, 'script_tempered'],
    [flags.virtualMachine, 'virtual_machine'],
    [flags.bot, 'headless_mode'],
    [flags.bot, 'crawler'],
    [flags.developerTools && !app, 'debug_tool'],
    [flags.developerTools && device.platform === 'android', 'adb_link'],
    [session.incognito && !app, 'incognito_mode'],
    [app && c.vpn, 'vpn_detected'],
    [app && c.proxy !== undefined, 'proxy_detected'],
    [session.replayed, 'replay_attacks'],
    // Seen in the vendor's own example, missing from its documented list.
    [device.tier !== 'clean' && variation(who, false, () => rng.chance(0.3)), 'abnormal_network_connection'],
  ];
  const labels = candidates.filter(([fired]) => fired).map(([, label]) => label);
  const installed = [
    ...(flags.rooted ? ['magisk'] : []),
    ...(flags.frida ? ['frida', 'xposed'] : []),
    ...(flags.jailbroken ? ['cydia'] : []),
    ...(flags.clonedApp ? ['virtual_app'] : []),
    ...(flags.locationSpoofing ? ['virtual_positioning'] : []),
    ...(device.tier === 'medium' && app && variation(who, false, () => rng.chance(0.3)) ? ['quick_macro'] : []),
  ];
  const running = installed.filter((tool) =>
    ['magisk', 'frida', 'xposed', 'cydia', 'virtual_app', 'quick_macro'].includes(tool),
  );
  return { labels, tools: { installed_risk_tools_type: installed, running_risk_tools_type: running } };
}

/** `device_detail` for the device's OS. Absent values are empty strings, as the vendor sends them. */
function detail(who: Persona, rng: Rng, blackBox: string): JsonObject {
  const { device, session } = who;
  const c = session.connection;
  const currentTime = tokenTimeMs(blackBox);
  const native = device.platform === 'web' ? undefined : device.native;
  const screen = native?.screen ?? device.screen;
  const common = {
    fp_version: device.platform === 'web' ? '3.8.5' : '4.1.6',
    ip: c.version === 4 ? c.address : '',
    time_zone: `UTC${device.home.utcOffset}`,
    time_zone_district: device.timezone,
    screen_resolution: `${screen[0]}x${screen[1]}`,
    language: device.platform === 'web' ? device.language : (device.language.split('-')[0] ?? device.language),
    current_time: currentTime,
  };
  if (!native) {
    return {
      ...common,
      browser_name: device.web.browser.name,
      browser_version: device.web.browser.full,
      user_agent: device.web.userAgent,
      url: session.url,
      device_type:
        device.web.device.type === 'mobile' ? device.web.device.model : device.web.os.id === 'macos' ? 'Mac' : 'PC',
      os: `${device.web.os.displayName} ${device.web.os.version}`.trim(),
      referer: rng.pick(['https://www.google.com/', 'https://shop.example.com/', '']),
      canvas: new Rng('trustdecision-canvas', device.visitorId).hex(32),
    };
  }
  return { ...common, ...mobileDetail(who, native, rng, currentTime, blackBox) };
}

/** Token convention: a black box ending in this resolves the GPS position to an address, as China nodes do. */
const GPS_SUFFIX = 'gps';

/** `gps_location` as documented: JSON text with the address the position resolves to. */
function gpsLocation(home: Persona['device']['home']): string {
  return JSON.stringify({
    address: `${home.postalCode} ${home.city}, ${home.subdivision.name}`,
    city: home.city,
    province: home.subdivision.name,
    township: home.city,
  });
}

function mobileDetail(
  { device, session }: Persona,
  native: NativeDevice,
  rng: Rng,
  currentTime: number,
  blackBox: string,
): JsonObject {
  const c = session.connection;
  const wifi = c.kind !== 'mobile';
  const upTime = rng.int(3_600_000, 30 * 86_400_000);
  const country = device.home.country;
  const totalMemory = native.memoryGb * 1024 ** 3;
  const totalStorage = native.storageGb * 1000 ** 3;
  const shared = {
    app_version: APP.version,
    system_version: native.osVersion,
    model: native.model,
    device_name: native.deviceName,
    network_type: wifi ? 'wifi' : rng.pick(['4g', '5g']),
    startup_time: dateTime(currentTime - upTime),
    up_time: upTime,
    battery_level: rng.int(5, 100),
    total_memory: totalMemory,
    available_memory: Math.round(totalMemory * rng.float(0.15, 0.5, 2)),
    total_storage: totalStorage,
    available_storage: Math.round(totalStorage * rng.float(0.1, 0.7, 2)),
    latitude: Number((device.home.latitude + rng.float(-0.05, 0.05, 6)).toFixed(6)),
    longitude: Number((device.home.longitude + rng.float(-0.05, 0.05, 6)).toFixed(6)),
    // Only China nodes resolve GPS to an address: the simulated world has none, unless asked for.
    gps_location: blackBox.endsWith(GPS_SUFFIX) ? gpsLocation(device.home) : '',
    carrier: `${country.carrier.name},-`,
    mcc: `${country.carrier.mcc},`,
    mnc: `${country.carrier.mnc},`,
    country_iso: country.code.toLowerCase(),
    cell_ip: `10.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`,
    wifi_ip: wifi ? `192.168.${rng.int(0, 10)}.${rng.int(2, 254)}` : '',
    ssid: wifi
      ? `${rng.pick(['FRITZ!Box', 'Vodafone', 'NETGEAR', 'TP-Link', 'HomeWiFi'])}-${rng.hex(4).toUpperCase()}`
      : '',
    bssid: wifi ? Array.from({ length: 6 }, () => rng.hex(2)).join(':') : '',
    dns_address: wifi ? '192.168.0.1' : `10.${rng.int(0, 255)}.0.1`,
    vpn_ip: c.vpn ? `10.8.${rng.int(0, 255)}.${rng.int(2, 254)}` : '',
    proxy_info: c.proxy ? `${c.address}:${rng.pick([8080, 3128, 1080])}` : '',
    ipv6: c.version === 6 ? c.address : '',
  };
  if (native.platform === 'ios') {
    return {
      ...shared,
      charge_state: rng.pick(['charging', 'unplugged']),
      screen_brightness: rng.int(0, 100),
      bundle_id: APP.id,
    };
  }
  return {
    ...shared,
    api_version: native.apiLevel,
    brand: native.brand,
    android_id: new Rng('trustdecision-android-id', device.visitorId).hex(16),
    baseband_version: `g5300g-${rng.digits(6)}-${rng.digits(6)}-B-${rng.digits(8)}`,
    charge_state: rng.pick(['charging', 'full', 'discharging', 'not_charging']),
    screen_brightness: rng.int(-1, 256),
    cpu_hardware: native.cpu,
    cpu_type: native.hardware,
    device_svn: '01',
    hardware: native.hardware,
    host: `abfarm-${rng.digits(5)}`,
    product: native.deviceName,
    package_name: APP.id,
    installed_packages: JSON.stringify(
      [APP.id, 'com.google.android.youtube', 'com.whatsapp'].map((name) => ({ package: name, name: '-' })),
    ),
    running_packages: APP.id,
    sign_md5: new Rng('trustdecision-sign', APP.id).hex(64),
    sim_operator: `${device.home.country.carrier.name},-`,
  };
}

/** `yyyy-MM-dd HH:mm:ss`, no zone, as TrustDecision prints `startup_time`. */
function dateTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

function drift(kind: DriftKind, body: JsonObject): void {
  if (kind === 'unknownFields') {
    body['risk_model_version'] = '3.2.1';
    setAt(body, ['device_detail', 'sim_extra_field'], 'added by the simulator');
    setAt(body, ['ip_location', 'isp'], 'added by the simulator');
  } else if (kind === 'unknownEnums') {
    body['device_os'] = 'KaiOS';
    const labels = Array.isArray(body['device_risk_label']) ? body['device_risk_label'] : [];
    body['device_risk_label'] = [...labels, 'ai_agent_detected'];
    setAt(body, ['device_detail', 'network_type'], '6g');
    setAt(body, ['device_risk_tools', 'running_risk_tools_type'], ['auto_clicker_pro']);
  } else {
    deleteAt(body, ['device_id']);
    deleteAt(body, ['device_detail']);
  }
}
