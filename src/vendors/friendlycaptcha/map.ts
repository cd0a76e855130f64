import type { BotFacts, Confidence, DeviceFacts, Geolocation, IpFacts } from '../../model/facts.ts';
import type { VendorReport } from '../../model/report.ts';
import { riskLabel } from '../../risk/taxonomy.ts';
import { isoFromString } from '../time.ts';
import { DriftLog, geolocation, ipVersionOf, mapEnum } from '../tolerant.ts';
import { friendlyCaptchaLabelHits } from './labels.ts';
import type { RetrieveData, RiskIntelligence } from './schema.ts';
import type { FriendlyCaptchaClient, FriendlyCaptchaNetwork, FriendlyCaptchaView } from './view.ts';

type Network = NonNullable<RiskIntelligence['network']>;
type Client = NonNullable<RiskIntelligence['client']>;

/** From this score (of 5) a VPN or proxy counts as detected. 0 means "unknown", not "no". */
const DETECTED_SCORE = 4;

/** Documented value sets (docs/vendors/friendlycaptcha.md); anything else is recorded as drift and kept verbatim. */
const VOCABULARIES = {
  'network.as.type': ['isp', 'mobile', 'government', 'hosting', 'education', 'individual', 'business', 'other'],
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

export type FriendlyCaptchaReport = VendorReport<FriendlyCaptchaView>;

/** Friendly Captcha retrieve `data` → report (facts, labels, view). */
export function buildFriendlyCaptchaReport(data: RetrieveData, drift = new DriftLog()): FriendlyCaptchaReport {
  const intelligence = data.risk_intelligence;
  const network = intelligence?.network;
  const client = intelligence?.client;
  recordVocabularyDrift(network, client, drift);
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
    ip: network ? ipFacts(network) : undefined,
    bot: client?.automation ? botFacts(client.automation) : undefined,
    labels: friendlyCaptchaLabelHits(data).map((hit) => riskLabel('FRIENDLY_CAPTCHA', hit)),
    view,
    drift: drift.entries,
  };
}

function networkView(network: Network): FriendlyCaptchaNetwork {
  const geo = network.geolocation;
  const anonymization = network.anonymization;
  return {
    ip: network.ip ?? null,
    asNumber: asNumber(network) ?? null,
    asName: network.as?.name ?? null,
    asType: network.as?.type ?? null,
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
    browserId: client.browser?.id ?? null,
    browserName: client.browser?.name ?? null,
    browserVersion: client.browser?.version ?? null,
    deviceType: client.device?.type ?? null,
    deviceBrand: client.device?.brand ?? null,
    deviceModel: client.device?.model ?? null,
    osName: client.os?.name ?? null,
    osVersion: client.os?.version ?? null,
    ja4: client.tls_signature?.ja4 ?? null,
    automationDetected: tool?.detected ?? null,
    automationToolName: tool?.name ?? null,
    knownBotDetected: bot?.detected ?? null,
    knownBotName: bot?.name ?? null,
    knownBotType: bot?.type ?? null,
  };
}

function asNumber(network: Network): string | undefined {
  return network.as?.number ?? network.as?.asn;
}

/** A score of 0 is "unknown": it states nothing either way. */
function detectedFromScore(score: number | undefined): boolean | undefined {
  return score === undefined || score === 0 ? undefined : score >= DETECTED_SCORE;
}

function proxyConfidence(score: number): Confidence {
  return score >= 5 ? 'HIGH' : score === DETECTED_SCORE ? 'MEDIUM' : 'LOW';
}

function ipFacts(network: Network): IpFacts {
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
    datacenter: as?.type === undefined ? undefined : as.type === 'hosting',
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

function botFacts(automation: NonNullable<Client['automation']>): BotFacts {
  const tool = automation.automation_tool;
  const bot = automation.known_bot;
  return {
    detected: tool?.detected,
    kind: tool?.detected ? 'AUTOMATION' : bot?.detected ? 'GOOD_BOT' : 'HUMAN',
    name: tool?.detected ? tool.name : bot?.detected ? bot.name : undefined,
    headless: automation.headless,
  };
}

function recordVocabularyDrift(network: Network | undefined, client: Client | undefined, drift: DriftLog): void {
  const values: Record<keyof typeof VOCABULARIES, string | undefined> = {
    'network.as.type': network?.as?.type,
    'client.device.type': client?.device?.type,
    'client.os.id': client?.os?.id,
    'client.automation.automation_tool.type': client?.automation?.automation_tool?.type,
    'client.automation.known_bot.type': client?.automation?.known_bot?.type,
  };
  for (const [field, known] of Object.entries(VOCABULARIES) as [keyof typeof VOCABULARIES, readonly string[]][]) {
    const table = Object.fromEntries(known.map((value) => [value, value]));
    mapEnum(values[field], table, drift.unknownEnum(field));
  }
}
