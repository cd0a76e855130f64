import type { BotFacts, Confidence, DeviceFacts, Geolocation, IpFacts } from '../../model/facts.ts';
import type { VendorReport } from '../../model/report.ts';
import { riskLabel } from '../../risk/taxonomy.ts';
import { isoFromString } from '../time.ts';
import { DriftLog, geolocation, ipVersionOf, mapEnum } from '../tolerant.ts';
import { documentedScore, friendlyCaptchaLabelHits, HIGH_SCORE } from './labels.ts';
import type { RetrieveData, RiskIntelligence } from './schema.ts';
import type { FriendlyCaptchaClient, FriendlyCaptchaNetwork, FriendlyCaptchaView } from './view.ts';

type Network = NonNullable<RiskIntelligence['network']>;
type Client = NonNullable<RiskIntelligence['client']>;

/** Documented value sets (docs/vendors/friendlycaptcha.md); anything else is recorded as drift and kept verbatim. */
export const VOCABULARIES = {
  'network.as.type': ['isp', 'mobile', 'government', 'hosting', 'education', 'individual', 'business', 'other'],
  'client.browser.id': [
    'chrome',
    'chrome_android',
    'edge',
    'firefox',
    'firefox_android',
    'ie',
    'oculus',
    'opera',
    'opera_android',
    'safari',
    'safari_ios',
    'samsunginternet_android',
    'webview_android',
    'webview_ios',
  ],
  'client.browser_engine.id': ['blink', 'edgehtml', 'gecko', 'presto', 'trident', 'v8', 'webkit'],
  'client.device.type': ['desktop', 'mobile', 'tablet', 'tv', 'console', 'wearable', 'xr', 'unknown'],
  'client.os.id': ['windows', 'macos', 'linux', 'android', 'ios', 'ipados', 'chromeos', 'unknown'],
  'client.automation.automation_tool.type': ['browser_automation'],
  'client.automation.known_bot.type': [
    'search_engine',
    'social',
    'crawler',
    'monitoring',
    'ai',
    'ai_crawler',
    'ai_user_initiated',
    'ai_agent',
  ],
} as const satisfies Record<string, readonly string[]>;
type VocabularyField = keyof typeof VOCABULARIES;

const SCORES = [
  'risk_scores.overall',
  'risk_scores.network',
  'risk_scores.browser',
  'network.anonymization.vpn_score',
  'network.anonymization.proxy_score',
] as const;

export type FriendlyCaptchaReport = VendorReport<FriendlyCaptchaView>;

/** Friendly Captcha retrieve `data` → report (facts, labels, view). */
export function buildFriendlyCaptchaReport(data: RetrieveData, drift = new DriftLog()): FriendlyCaptchaReport {
  const intelligence = data.risk_intelligence;
  const network = intelligence?.network;
  const client = intelligence?.client;
  const known = documentedValues(network, client, drift);
  recordScoreDrift(intelligence, drift);
  const scores = intelligence?.risk_scores;

  const view: FriendlyCaptchaView = {
    eventId: data.event_id ?? null,
    tokenCreatedAt: isoFromString(data.token?.timestamp) ?? null,
    tokenExpiresAt: isoFromString(data.token?.expires_at) ?? null,
    tokenUses: data.token?.num_uses ?? null,
    origin: data.token?.origin ?? null,
    riskScores: scores
      ? { overall: scores.overall ?? null, network: scores.network ?? null, browser: scores.browser ?? null }
      : null,
    network: network ? networkView(network) : null,
    client: client ? clientView(client) : null,
    raw: data,
  };

  return {
    action: { time: isoFromString(data.token?.timestamp) },
    device: client ? deviceFacts(client) : undefined,
    ip: network ? ipFacts(network, known['network.as.type']) : undefined,
    bot: client?.automation ? botFacts(client.automation) : undefined,
    labels: friendlyCaptchaLabelHits(data).map((hit) => riskLabel('FRIENDLY_CAPTCHA', hit)),
    view,
    drift: drift.entries,
  };
}

function networkView(network: Network): FriendlyCaptchaNetwork {
  const geo = network.geolocation;
  const as = network.as;
  const anonymization = network.anonymization;
  return {
    ip: network.ip ?? null,
    asNumber: asNumber(network) ?? null,
    asName: as?.name ?? null,
    asCompany: as?.company ?? null,
    asDomain: as?.domain ?? null,
    asDescription: as?.description ?? null,
    asCountry: as?.country ?? null,
    asType: as?.type ?? null,
    countryCode: geo?.country?.iso2 ?? null,
    countryName: geo?.country?.name ?? null,
    state: geo?.state ?? null,
    city: geo?.city ?? null,
    vpnScore: anonymization?.vpn_score ?? null,
    proxyScore: anonymization?.proxy_score ?? null,
    tor: anonymization?.tor ?? null,
    icloudPrivateRelay: anonymization?.icloud_private_relay ?? null,
  };
}

function clientView(client: Client): FriendlyCaptchaClient {
  const tool = client.automation?.automation_tool;
  const bot = client.automation?.known_bot;
  return {
    userAgent: client.header_user_agent ?? null,
    timeZone: client.time_zone?.name ?? null,
    timeZoneCountry: client.time_zone?.country_iso2 ?? null,
    browserId: client.browser?.id ?? null,
    browserName: client.browser?.name ?? null,
    browserVersion: client.browser?.version ?? null,
    browserReleaseDate: client.browser?.release_date ?? null,
    engineId: client.browser_engine?.id ?? null,
    engineName: client.browser_engine?.name ?? null,
    engineVersion: client.browser_engine?.version ?? null,
    deviceType: client.device?.type ?? null,
    deviceBrand: client.device?.brand ?? null,
    deviceModel: client.device?.model ?? null,
    osId: client.os?.id ?? null,
    osName: client.os?.name ?? null,
    osVersion: client.os?.version ?? null,
    ja3: client.tls_signature?.ja3 ?? null,
    ja3n: client.tls_signature?.ja3n ?? null,
    ja4: client.tls_signature?.ja4 ?? null,
    automationDetected: tool?.detected ?? null,
    automationToolId: tool?.id ?? null,
    automationToolName: tool?.name ?? null,
    automationToolType: tool?.type ?? null,
    knownBotDetected: bot?.detected ?? null,
    knownBotId: bot?.id ?? null,
    knownBotName: bot?.name ?? null,
    knownBotType: bot?.type ?? null,
  };
}

function asNumber(network: Network): string | undefined {
  return network.as?.number ?? network.as?.asn;
}

/** A documented score of 0 is "unknown": it states nothing either way; nor does an undocumented one. */
function detectedFromScore(score: number | undefined): boolean | undefined {
  const documented = documentedScore(score);
  return documented === undefined || documented === 0 ? undefined : documented >= HIGH_SCORE;
}

function proxyConfidence(score: number): Confidence {
  return score >= 5 ? 'HIGH' : score === HIGH_SCORE ? 'MEDIUM' : 'LOW';
}

/** `asType` is the documented AS type or undefined: an undocumented type says nothing about hosting. */
function ipFacts(network: Network, asType: string | undefined): IpFacts {
  const as = network.as;
  const anonymization = network.anonymization;
  const proxyScore = anonymization?.proxy_score;
  const proxy = detectedFromScore(proxyScore);
  return {
    address: network.ip,
    version: ipVersionOf(network.ip),
    geolocation: geolocationOf(network.geolocation),
    asn: as
      ? { number: asNumber(network) ?? null, name: as.name ?? null, network: as.route ?? null, type: as.type ?? null }
      : undefined,
    datacenter: asType === undefined ? undefined : asType === 'hosting',
    vpn: detectedFromScore(anonymization?.vpn_score),
    proxy:
      proxy === undefined || proxyScore === undefined
        ? undefined
        : { result: proxy, type: null, confidence: proxyConfidence(proxyScore), provider: null },
    tor: anonymization?.tor,
    relay: anonymization?.icloud_private_relay,
  };
}

function geolocationOf(geo: Network['geolocation']): Geolocation | undefined {
  if (!geo) return undefined;
  const country = geo.country;
  return geolocation({
    city: geo.city ?? null,
    subdivisions: geo.state ? [{ code: null, name: geo.state }] : null,
    country: country?.iso2 || country?.name ? { code: country.iso2 ?? null, name: country.name ?? null } : null,
  });
}

/** Friendly Captcha has no device id: these facts only enrich a device another vendor identified. */
function deviceFacts(client: Client): DeviceFacts {
  return {
    browserName: client.browser?.name,
    browserVersion: client.browser?.version,
    os: client.os?.name,
    osVersion: client.os?.version,
    model: client.device?.model,
    brand: client.device?.brand,
    userAgent: client.header_user_agent,
    timezone: client.time_zone?.name,
  };
}

/**
 * `detected` is an automation tool (a known bot is a declared, usually benign crawler: `GOOD_BOT`,
 * not a detection); the kind is `HUMAN` only when the vendor said no to both.
 */
function botFacts(automation: NonNullable<Client['automation']>): BotFacts {
  const tool = automation.automation_tool;
  const bot = automation.known_bot;
  const kind =
    tool?.detected === true
      ? 'AUTOMATION'
      : bot?.detected === true
        ? 'GOOD_BOT'
        : tool?.detected === false && bot?.detected === false
          ? 'HUMAN'
          : undefined;
  return {
    detected: tool?.detected,
    kind,
    name: tool?.detected ? tool.name : bot?.detected ? bot.name : undefined,
    headless: automation.headless,
  };
}

/**
 * Each vocabulary field's value when the vendor documents it, else undefined; an undocumented
 * value is recorded as drift (the view keeps it verbatim).
 */
function documentedValues(
  network: Network | undefined,
  client: Client | undefined,
  drift: DriftLog,
): Record<VocabularyField, string | undefined> {
  const values: Record<VocabularyField, string | undefined> = {
    'network.as.type': network?.as?.type,
    'client.browser.id': client?.browser?.id,
    'client.browser_engine.id': client?.browser_engine?.id,
    'client.device.type': client?.device?.type,
    'client.os.id': client?.os?.id,
    'client.automation.automation_tool.type': client?.automation?.automation_tool?.type,
    'client.automation.known_bot.type': client?.automation?.known_bot?.type,
  };
  const known = {} as Record<VocabularyField, string | undefined>;
  for (const field of Object.keys(VOCABULARIES) as VocabularyField[]) {
    const table = Object.fromEntries(VOCABULARIES[field].map((value) => [value, value]));
    const mapped = mapEnum(values[field], table, drift.unknownEnum(field));
    known[field] = mapped === 'UNKNOWN' ? undefined : mapped;
  }
  return known;
}

/** Scores outside 0–5 are not the vendor's: recorded as drift, and read as no score at all. */
function recordScoreDrift(intelligence: RiskIntelligence | undefined, drift: DriftLog): void {
  const scores = intelligence?.risk_scores;
  const anonymization = intelligence?.network?.anonymization;
  const values: Record<(typeof SCORES)[number], number | undefined> = {
    'risk_scores.overall': scores?.overall,
    'risk_scores.network': scores?.network,
    'risk_scores.browser': scores?.browser,
    'network.anonymization.vpn_score': anonymization?.vpn_score,
    'network.anonymization.proxy_score': anonymization?.proxy_score,
  };
  for (const field of SCORES) {
    const score = values[field];
    if (score !== undefined && documentedScore(score) === undefined) drift.unknownEnum(field)(String(score));
  }
}
