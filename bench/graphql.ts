/**
 * What the benchmark asks: the typical BFF query (the README's first example), its list form for a review
 * queue, `_entities` for devices, and the tokens that go into them.
 */

/** The README's first example query: device, IP, velocity, labels, verdict and sources of one event. */
const EVENT_SELECTION = `id
    device { id platform }
    ip { address geolocation { city country { code } } vpn proxy { result type } tor }
    velocity { events { last1h } distinctIps { last24h } }
    riskLabels(minSeverity: MEDIUM) { code severity source vendorCode }
    risk { score band action reasons { code points sources } }
    sources { vendor status latencyMs cached errorCode }`;

export const LOGIN_CHECK = `query LoginCheck($signals: SignalsInput!) {
  event(signals: $signals) {
    ${EVENT_SELECTION}
  }
}`;

/**
 * A review queue: per item what a list shows (device, IP flags, verdict, sources). `risk` needs
 * every vendor, so each item still costs five vendor lookups; the selection is lighter than
 * LOGIN_CHECK so that B4 measures batching of vendor calls rather than rendering 100 full events
 * (B1 and B2 measure rendering).
 */
export const REVIEW_QUEUE = `query ReviewQueue($signals: [SignalsInput!]!) {
  events(signals: $signals) {
    id
    device { id platform }
    ip { address vpn proxy { result } tor }
    risk { score band action }
    sources { vendor status }
  }
}`;

export const DEVICES = `query Devices($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Device { id platform os browserName riskLabels { code severity } }
  }
}`;

/** The IP the BFF saw (as in the README's first example); Hitprobe gets it with the probe id. */
export const CLIENT_IP = '61.127.217.15';

export interface Signals {
  fingerprintEventId: string;
  trustDecisionBlackBox: string;
  friendlyCaptchaToken: string;
  detectIpToken: string;
  hitprobeProbeId: string;
  ip: string;
}

/** One token for all five vendors: the simulator then describes one person on one connection. */
export function signalsFor(token: string): Signals {
  return {
    fingerprintEventId: token,
    trustDecisionBlackBox: token,
    friendlyCaptchaToken: token,
    detectIpToken: token,
    hitprobeProbeId: token,
    ip: CLIENT_IP,
  };
}

export function requestBody(query: string, variables: Record<string, unknown>): string {
  return JSON.stringify({ query, variables });
}

/**
 * Distinct tokens of a fixed length: a prefix, then a counter. The simulator reads a token ending
 * in `404` as unknown and a Friendly Captcha token ending in `exp` as expired, so those are skipped.
 * Hitprobe probe ids are exactly 22 letters and digits; Fingerprint visitor ids 20.
 */
export class TokenSource {
  readonly #prefix: string;
  readonly #length: number;
  #counter = 0;

  constructor(prefix: string, length = 22) {
    if (!/^[A-Za-z0-9]+$/.test(prefix) || prefix.length >= length - 4) throw new Error(`bad token prefix ${prefix}`);
    this.#prefix = prefix;
    this.#length = length;
  }

  next(): string {
    for (;;) {
      this.#counter += 1;
      const token = this.#prefix + this.#counter.toString(36).padStart(this.#length - this.#prefix.length, '0');
      if (!token.endsWith('404') && !token.endsWith('exp')) return token;
    }
  }

  take(count: number): string[] {
    return Array.from({ length: count }, () => this.next());
  }
}

export interface GraphQLAnswer {
  status: number;
  text: string;
  json: { data?: Record<string, unknown> | null; errors?: unknown[] };
}

/** One query outside the measured load (warm-up, expectations, spot checks). */
export async function postQuery(url: string, body: string): Promise<GraphQLAnswer> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  const text = await response.text();
  return { status: response.status, text, json: JSON.parse(text) as GraphQLAnswer['json'] };
}
