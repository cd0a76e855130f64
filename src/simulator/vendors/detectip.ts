import { SIMULATOR_CREDENTIALS } from '../credentials.ts';
import { deleteAt, isJsonObject, type JsonObject, setAt } from '../json.ts';
import { type Persona, persona, variation } from '../persona.ts';
import { Rng } from '../random.ts';
import { jsonReply, type Reply, successReply } from '../reply.ts';
import {
  type DriftKind,
  fixedRoute,
  header,
  isUnknownToken,
  type Route,
  type VendorRequest,
  type VendorSimulator,
} from './types.ts';

/**
 * detectip.ai: `GET /api/v1/verdict?token=` and `GET /api/v1/usage`, `X-API-Key`. Statuses per
 * the vendor's table (401 key, 402 quota, 404 no session, 429 rate). The error body shape is not
 * documented: the simulator answers `{"error": "<message>"}`.
 */
export function detectIpSimulator(): VendorSimulator {
  const usage = { verdicts: 0 };
  return { vendor: 'DETECTIP', prefix: '/detectip', route: (request) => route(request, usage) };
}

/** Monthly quota of the simulated plan (reported by `/usage`). */
const PLAN = { tier: 'growth', limit: 100_000 } as const;

const MESSAGES: Readonly<Record<number, string>> = {
  400: 'bad request',
  401: 'missing, invalid or revoked API key',
  402: 'monthly quota exceeded, upgrade your plan',
  404: 'no captured session for token',
  429: 'rate limit exceeded',
  503: 'service temporarily unavailable',
};

function errorFor(status: number): Reply {
  return jsonReply(status, { error: MESSAGES[status] ?? (status >= 500 ? 'internal error' : 'request failed') });
}

function route(request: VendorRequest, usage: { verdicts: number }): Route {
  const authorized = () => header(request, 'x-api-key') === SIMULATOR_CREDENTIALS.detectIp.apiKey;
  if (request.method === 'GET' && request.path === '/api/v1/usage') {
    return {
      token: undefined,
      answer: () =>
        authorized()
          ? successReply({
              tier: PLAN.tier,
              used: usage.verdicts,
              limit: PLAN.limit,
              remaining: Math.max(0, PLAN.limit - usage.verdicts),
            })
          : errorFor(401),
      errorFor,
      notFound: () => errorFor(404),
      drift: () => undefined,
    };
  }
  if (request.method !== 'GET' || request.path !== '/api/v1/verdict')
    return fixedRoute(jsonReply(404, { error: 'not found' }));
  const token = request.query.get('token') || undefined;
  return {
    token,
    answer() {
      if (!authorized()) return errorFor(401);
      if (!token) return jsonReply(400, { error: 'the token query parameter is required' });
      if (isUnknownToken(token)) return errorFor(404);
      usage.verdicts += 1;
      return successReply(verdict(token));
    },
    errorFor,
    notFound: () => errorFor(404),
    drift,
  };
}

type Signal = { name: string; layer: string; llr: number; detail: string };

function verdict(token: string): JsonObject {
  const who = persona(token);
  const rng = new Rng('detectip', token);
  const score = botScore(who, rng);
  const hardRule = hardRuleHit(who);
  const action = hardRule ? 'block' : score < 30 ? 'allow' : score < 60 ? 'challenge' : 'block';
  const c = who.session.connection;
  return {
    token,
    score,
    band: score < 30 ? 'human' : score < 60 ? 'suspicious' : score < 85 ? 'automated' : 'known-bot',
    hard_rule_hit: hardRule,
    signals: signals(who, rng),
    network: { ja4: who.device.web.ja4 },
    ip: { datacenter: c.datacenter, proxy: c.proxy !== undefined, country: c.place.country.code },
    // Documented and used in the vendor's code samples, but missing from its example JSON.
    action: hardRule || variation(who, true, () => rng.chance(0.8)) ? action : undefined,
  };
}

/**
 * 0 (human) to 100 (bot); the band and the default action follow from it. Each kind of persona
 * stays inside one band: bots are known bots, tampering browsers automated, anonymized
 * connections suspicious, everyone else human.
 */
function botScore({ device, session }: Persona, rng: Rng): number {
  const c = session.connection;
  if (device.flags.bot) return rng.int(85, 99);
  if (device.flags.tampering) return rng.int(60, 84);
  if (c.tor || c.datacenter || c.proxy || c.vpn) return rng.int(30, 59);
  return rng.int(1, 29);
}

/** A definitive rule for the clearest cases; "" otherwise (then the score decides). */
function hardRuleHit({ device, session }: Persona): string {
  const c = session.connection;
  if (device.web.userAgent.includes('Headless')) return 'headless_user_agent';
  if (c.tor) return 'tor_exit_node';
  if (c.attackSource) return 'ip_on_blocklist';
  return '';
}

function signals({ device, session }: Persona, rng: Rng): Signal[] {
  const c = session.connection;
  const { flags } = device;
  const fired: Signal[] = [];
  const add = (when: boolean, name: string, layer: string, llr: readonly [number, number], detail: string) => {
    if (when) fired.push({ name, layer, llr: rng.float(llr[0], llr[1], 2), detail });
  };
  add(flags.bot, 'headless_user_agent', 'http', [2, 2.6], 'HeadlessChrome in User-Agent');
  add(flags.bot, 'webdriver_flag', 'browser', [1.8, 2.4], 'navigator.webdriver is true');
  add(flags.bot, 'no_pointer_events', 'behavior', [0.8, 1.4], 'no mouse or touch input before submit');
  add(flags.tampering, 'api_tampering', 'browser', [1.4, 2], 'patched browser APIs');
  add(flags.antiDetectBrowser, 'anti_detect_browser', 'browser', [1.8, 2.2], 'anti-detect browser fingerprint');
  add(c.datacenter, 'ip_datacenter', 'ip', [1.5, 2], 'datacenter ASN');
  add(c.vpn, 'vpn_exit_node', 'ip', [1, 1.6], 'known VPN exit node');
  add(
    c.proxy !== undefined,
    'proxy_ip',
    'ip',
    [1.2, 1.8],
    `${c.proxy === 'residential' ? 'residential' : 'datacenter'} proxy network`,
  );
  add(c.tor, 'tor_exit_node', 'ip', [2.2, 2.8], 'Tor exit node');
  add(
    session.timezoneMismatch,
    'timezone_ip_mismatch',
    'browser',
    [0.6, 1],
    'browser time zone differs from IP location',
  );
  add(session.incognito, 'private_mode', 'browser', [0.2, 0.5], 'private browsing');
  if (fired.length === 0) {
    // Evidence for a human: negative log-likelihood ratios.
    add(true, 'browser_tls_consistent', 'tls', [-1.2, -0.6], 'TLS stack matches the claimed browser');
    add(
      true,
      c.kind === 'mobile' ? 'mobile_carrier_ip' : 'residential_ip',
      'ip',
      [-0.9, -0.3],
      c.kind === 'mobile' ? 'mobile carrier ASN' : 'residential ISP',
    );
  }
  return fired;
}

function drift(kind: DriftKind, body: JsonObject): void {
  if (kind === 'unknownFields') {
    body['reputation'] = { abuse_reports: 0, first_seen_days: 120 };
    setAt(body, ['ip', 'asn'], 'AS3320');
    setAt(body, ['network', 'h2_fingerprint'], '1:65536;2:0;4:6291456;6:262144|15663105|0|m,a,s,p');
  } else if (kind === 'unknownEnums') {
    body['band'] = 'likely-bot';
    body['action'] = 'throttle';
    const first = Array.isArray(body['signals']) ? body['signals'][0] : undefined;
    if (isJsonObject(first)) first['layer'] = 'wasm';
  } else {
    for (const field of ['token', 'score', 'band']) deleteAt(body, [field]);
  }
}
