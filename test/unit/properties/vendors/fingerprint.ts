import fc from 'fast-check';
import type { VendorReport } from '../../../../src/model/report.ts';
import { normalizeV3 } from '../../../../src/vendors/fingerprint/map-v3.ts';
import { normalizeV4 } from '../../../../src/vendors/fingerprint/map-v4.ts';
import { buildFingerprintReport } from '../../../../src/vendors/fingerprint/report.ts';
import { v3EventSchema, v4EventSchema } from '../../../../src/vendors/fingerprint/schema.ts';
import type { Claims, Flag, VendorPayloads } from '../claims.ts';

/**
 * Fingerprint answers, v4 and v3, as the vendor documents them: every signal present, absent, or
 * (for enums) a value nobody documented; v3 answers with some products failed (PARTIAL). The
 * claims are read from the raw JSON in Fingerprint's own terms.
 */

type Json = Record<string, unknown>;
export type FingerprintPayload = { version: 'v4'; body: Json } | { version: 'v3'; body: { products: Json } };

const UNDOCUMENTED = 'brand_new_value';

const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined, freq: 3 });
const flag = maybe(fc.boolean());
/** A documented value, sometimes an undocumented one, or absent. */
const vocabulary = (...values: string[]) => maybe(fc.constantFrom(...values, UNDOCUMENTED));

/** Drops `undefined` members, as a JSON answer would not have them. */
function compact(value: Json): Json {
  return JSON.parse(JSON.stringify(value)) as Json;
}

/** One event in v4 terms: the generator's common ground for both versions. */
const signals = fc.record({
  platform: maybe(fc.constantFrom('js', 'android', 'ios', UNDOCUMENTED)),
  address: fc.constantFrom('203.0.113.7', '2001:db8::17'),
  datacenter: flag,
  bot: vocabulary('not_detected', 'good', 'bad'),
  botInfo: maybe(
    fc.record({
      category: vocabulary('search_engine_crawler', 'ai_agent', 'browser_automation', 'scraping', 'unknown'),
      identity: vocabulary('verified', 'signed', 'spoofed', 'unknown'),
      confidence: vocabulary('low', 'medium', 'high'),
      name: fc.constantFrom('Examplebot', 'Sample Agent'),
      provider: fc.constantFrom('Example Inc.', 'Sample Ltd'),
    }),
  ),
  vpn: flag,
  vpnConfidence: vocabulary('low', 'medium', 'high'),
  methods: fc.record({
    timezone_mismatch: flag,
    public_vpn: flag,
    auxiliary_mobile: flag,
    os_mismatch: flag,
    relay: flag,
    ml_prediction: flag,
  }),
  proxy: flag,
  proxyConfidence: vocabulary('low', 'medium', 'high'),
  proxyType: vocabulary('residential', 'data_center', 'unknown'),
  torNode: flag,
  emailSpam: flag,
  attackSource: flag,
  tampering: flag,
  tamperingConfidence: vocabulary('low', 'medium', 'high'),
  antiDetectBrowser: flag,
  virtualMachine: flag,
  incognito: flag,
  replayed: flag,
  rooted: flag,
  emulator: flag,
  jailbroken: flag,
  frida: flag,
});
type Signals = typeof signals extends fc.Arbitrary<infer T> ? T : never;

const isApp = (platform: string | undefined) => platform === 'android' || platform === 'ios';

function v4Body(s: Signals): Json {
  const app = isApp(s.platform);
  return compact({
    event_id: '1767225600000.Gen4ab',
    timestamp: 1_767_225_600_000,
    sdk: s.platform === undefined ? undefined : { platform: s.platform, version: '1.0.0' },
    identification: { visitor_id: 'GeneratedVisitor0001', visitor_found: true },
    ip_address: s.address,
    ip_info: { [s.address.includes(':') ? 'v6' : 'v4']: { address: s.address, datacenter_result: s.datacenter } },
    bot: s.bot,
    bot_info: s.botInfo,
    vpn: s.vpn,
    vpn_confidence: s.vpnConfidence,
    vpn_methods: s.methods,
    proxy: s.proxy,
    proxy_confidence: s.proxyConfidence,
    proxy_details: s.proxyType === undefined ? undefined : { proxy_type: s.proxyType, provider: 'Example Proxy' },
    ip_blocklist: { email_spam: s.emailSpam, attack_source: s.attackSource, tor_node: s.torNode },
    tampering: s.tampering,
    tampering_confidence: s.tamperingConfidence,
    tampering_details: { anti_detect_browser: s.antiDetectBrowser },
    virtual_machine: s.virtualMachine,
    incognito: s.incognito,
    replayed: s.replayed,
    // v4 leaves mobile-only signals out of web events.
    root_apps: app ? s.rooted : undefined,
    emulator: app && s.platform === 'android' ? s.emulator : undefined,
    simulator: app && s.platform === 'ios' ? s.emulator : undefined,
    jailbroken: app ? s.jailbroken : undefined,
    frida: app ? s.frida : undefined,
  });
}

const V3_BOT: Readonly<Record<string, string>> = { not_detected: 'notDetected', good: 'good', bad: 'bad' };
const data = (value: Json) => ({ data: value });
const result = (value: boolean | undefined) => (value === undefined ? undefined : data({ result: value }));

/** The same event in v3 (v3 has no `bot_info`, and sends mobile signals as false on the web). */
function v3Products(s: Signals): Json {
  const app = isApp(s.platform);
  const web = (value: boolean | undefined) => (app ? value : value === undefined ? undefined : false);
  return compact({
    identification: data({
      visitorId: 'GeneratedVisitor0001',
      requestId: '1767225600000.Gen3ab',
      timestamp: 1_767_225_600_000,
      ip: s.address,
      incognito: s.incognito,
      replayed: s.replayed,
      sdk: s.platform === undefined ? undefined : { platform: s.platform, version: '1.0.0' },
    }),
    botd: s.bot === undefined ? undefined : data({ bot: { result: V3_BOT[s.bot] ?? s.bot } }),
    ipInfo: data({
      [s.address.includes(':') ? 'v6' : 'v4']: { address: s.address, datacenter: { result: s.datacenter } },
    }),
    ipBlocklist: data({ details: { emailSpam: s.emailSpam, attackSource: s.attackSource } }),
    tor: result(s.torNode),
    vpn: data({
      result: s.vpn,
      confidence: s.vpnConfidence,
      methods: {
        timezoneMismatch: s.methods.timezone_mismatch,
        publicVPN: s.methods.public_vpn,
        auxiliaryMobile: s.methods.auxiliary_mobile,
        osMismatch: s.methods.os_mismatch,
        relay: s.methods.relay,
        mlPrediction: s.methods.ml_prediction,
      },
    }),
    proxy: data({
      result: s.proxy,
      confidence: s.proxyConfidence,
      details: s.proxyType === undefined ? undefined : { proxyType: s.proxyType },
    }),
    tampering: data({ result: s.tampering, confidence: s.tamperingConfidence, antiDetectBrowser: s.antiDetectBrowser }),
    virtualMachine: result(s.virtualMachine),
    rootApps: result(web(s.rooted)),
    emulator: result(web(s.emulator)),
    jailbroken: result(web(s.jailbroken)),
    frida: result(web(s.frida)),
  });
}

/** Products other than identification that may fail in a v3 answer (the rest stays PARTIAL). */
const FAILABLE = ['botd', 'ipInfo', 'vpn', 'proxy', 'tampering', 'tor', 'virtualMachine', 'ipBlocklist'] as const;

const v3Failures = fc.subarray([...FAILABLE], { maxLength: 3 });
const v3ErrorCode = fc.constantFrom('Failed', 'TooManyRequests');

const payload: fc.Arbitrary<FingerprintPayload> = fc.oneof(
  signals.map((s) => ({ version: 'v4' as const, body: v4Body(s) })),
  fc.tuple(signals, v3Failures, v3ErrorCode).map(([s, failed, code]) => {
    const products = v3Products(s);
    for (const name of failed) products[name] = { error: { code, message: 'generated failure' } };
    return { version: 'v3' as const, body: { products } };
  }),
);

function report(answer: FingerprintPayload): VendorReport {
  return answer.version === 'v4'
    ? buildFingerprintReport(normalizeV4(v4EventSchema.parse(answer.body)))
    : buildFingerprintReport(normalizeV3(v3EventSchema.parse(answer.body), ''));
}

// ---- Claims, read from the raw answer ----

interface Said {
  yes: Set<Flag>;
  no: Set<Flag>;
  unknown: Set<Flag>;
}

/** Records a boolean signal: true is a yes, false a no, anything else says nothing. */
function record(said: Said, name: Flag, value: unknown): void {
  if (value === true) said.yes.add(name);
  else if (value === false && !said.yes.has(name)) said.no.add(name);
}

const get = (value: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((at, key) => (typeof at === 'object' && at !== null ? (at as Json)[key] : undefined), value);

/** What a v4 body (or a v3 answer read in its terms) says about bots. */
function botClaims(said: Said, bot: unknown, category: unknown, identity: unknown): void {
  const automation = category === 'browser_automation' && bot !== 'good';
  if (bot === 'bad' || identity === 'spoofed' || automation) said.yes.add('bot');
  if (automation) said.yes.add('automation');
  if (said.yes.has('bot')) return;
  if (bot === 'good' || bot === 'not_detected') said.no.add('bot');
  else if (typeof bot === 'string') said.unknown.add('bot');
}

function vpnClaims(said: Said, vpn: unknown, methods: readonly unknown[]): void {
  if (vpn === true || methods.some((method) => method === true)) said.yes.add('vpn');
  else record(said, 'vpn', vpn);
}

function blocklistClaims(said: Said, emailSpam: unknown, attackSource: unknown): void {
  if (emailSpam === true || attackSource === true) said.yes.add('blocklisted');
  else if (emailSpam === false || attackSource === false) said.no.add('blocklisted');
}

function claimsV4(body: Json): Claims {
  const said: Said = { yes: new Set(), no: new Set(), unknown: new Set() };
  botClaims(said, body['bot'], get(body, 'bot_info', 'category'), get(body, 'bot_info', 'identity'));
  const methods = ['public_vpn', 'os_mismatch', 'auxiliary_mobile', 'ml_prediction'];
  vpnClaims(
    said,
    body['vpn'],
    methods.map((name) => get(body, 'vpn_methods', name)),
  );
  record(said, 'relay', get(body, 'vpn_methods', 'relay'));
  record(said, 'proxy', body['proxy']);
  record(said, 'tor', get(body, 'ip_blocklist', 'tor_node'));
  blocklistClaims(said, get(body, 'ip_blocklist', 'email_spam'), get(body, 'ip_blocklist', 'attack_source'));
  const ip = get(body, 'ip_info', 'v4') ?? get(body, 'ip_info', 'v6');
  record(said, 'datacenter', get(ip, 'datacenter_result'));
  record(said, 'tampering', body['tampering']);
  record(said, 'antiDetectBrowser', get(body, 'tampering_details', 'anti_detect_browser'));
  record(said, 'virtualMachine', body['virtual_machine']);
  record(said, 'incognito', body['incognito']);
  record(said, 'replayed', body['replayed']);
  // Fingerprint advises ignoring mobile signals on the web; v4 only sends them from its mobile SDKs.
  if (isApp(get(body, 'sdk', 'platform') as string | undefined)) {
    record(said, 'rooted', body['root_apps']);
    record(said, 'emulator', body['emulator'] ?? body['simulator']);
    record(said, 'jailbroken', body['jailbroken']);
    record(said, 'frida', body['frida']);
  }
  return said;
}

const V3_BOT_IN_V4_TERMS: Readonly<Record<string, string>> = { notDetected: 'not_detected', good: 'good', bad: 'bad' };

function claimsV3(products: Json): Claims {
  const said: Said = { yes: new Set(), no: new Set(), unknown: new Set() };
  const answered = (product: string, ...path: string[]) => get(products, product, 'data', ...path);
  const bot = answered('botd', 'bot', 'result');
  botClaims(said, typeof bot === 'string' ? (V3_BOT_IN_V4_TERMS[bot] ?? bot) : bot, undefined, undefined);
  const methods = ['publicVPN', 'osMismatch', 'auxiliaryMobile', 'mlPrediction'];
  vpnClaims(
    said,
    answered('vpn', 'result'),
    methods.map((name) => answered('vpn', 'methods', name)),
  );
  record(said, 'relay', answered('vpn', 'methods', 'relay'));
  record(said, 'proxy', answered('proxy', 'result'));
  record(said, 'tor', answered('tor', 'result'));
  blocklistClaims(
    said,
    answered('ipBlocklist', 'details', 'emailSpam'),
    answered('ipBlocklist', 'details', 'attackSource'),
  );
  const ip = answered('ipInfo', 'v4') ?? answered('ipInfo', 'v6');
  record(said, 'datacenter', get(ip, 'datacenter', 'result'));
  record(said, 'tampering', answered('tampering', 'result'));
  record(said, 'antiDetectBrowser', answered('tampering', 'antiDetectBrowser'));
  record(said, 'virtualMachine', answered('virtualMachine', 'result'));
  record(said, 'incognito', answered('identification', 'incognito'));
  record(said, 'replayed', answered('identification', 'replayed'));
  if (isApp(answered('identification', 'sdk', 'platform') as string | undefined)) {
    record(said, 'rooted', answered('rootApps', 'result'));
    record(said, 'emulator', answered('emulator', 'result'));
    record(said, 'jailbroken', answered('jailbroken', 'result'));
    record(said, 'frida', answered('frida', 'result'));
  }
  return said;
}

export const FINGERPRINT_PAYLOADS: VendorPayloads<FingerprintPayload> = {
  vendor: 'FINGERPRINT',
  payload,
  report,
  claims: (answer) => (answer.version === 'v4' ? claimsV4(answer.body) : claimsV3(answer.body.products)),
};
