import { BoundedMap, TOKEN_STATE_CAPACITY } from '../bounded-map.ts';
import { SIMULATOR_CREDENTIALS } from '../credentials.ts';
import { deleteAt, type JsonObject, setAt } from '../json.ts';
import { MINUTE_MS, type Persona, persona, variation } from '../persona.ts';
import { routeOf } from '../places.ts';
import { Rng } from '../random.ts';
import { jsonReply, type Reply, successReply } from '../reply.ts';
import {
  type DriftKind,
  fixedRoute,
  header,
  isUnknownToken,
  isWellFormedToken,
  type Route,
  type VendorRequest,
  type VendorSimulator,
} from './types.ts';

/**
 * Friendly Captcha Risk Intelligence: `POST /api/v2/riskIntelligence/retrieve` (JSON or form
 * data `token`, optional `sitekey`), `X-API-Key`. Errors follow the vendor's table: 401
 * auth_required / auth_invalid, 400 token_missing / sitekey_invalid / bad_request, and HTTP 200
 * `success: false` for token_invalid and token_expired.
 *
 * Stateful like the vendor: a token is created (in the browser) shortly before its first retrieve
 * and expires 15 minutes later; `num_uses` counts its retrieves. Tokens ending in `exp` are
 * expired from the start; tokens ending in `404` are invalid.
 */
export function friendlyCaptchaSimulator(): VendorSimulator {
  const tokens = new BoundedMap<string, TokenState>(TOKEN_STATE_CAPACITY);
  return { vendor: 'FRIENDLY_CAPTCHA', prefix: '/friendlycaptcha', route: (request) => route(request, tokens) };
}

interface TokenState {
  createdMs: number;
  uses: number;
}

const TOKEN_LIFETIME_MS = 15 * MINUTE_MS;

function failure(status: number, errorCode: string, detail: string): Reply {
  return jsonReply(status, { success: false, error: { error_code: errorCode, detail } });
}

/** The vendor's error answer for an HTTP status (5xx: `internal_server_error`, as its SDK knows it). */
function errorFor(status: number): Reply {
  if (status === 401) return failure(401, 'auth_invalid', 'the API key is not valid');
  if (status === 405) return failure(405, 'method_not_allowed', 'use POST');
  if (status === 429) return failure(429, 'rate_limited', 'too many requests');
  if (status >= 500) return failure(status, 'internal_server_error', 'internal server error');
  return failure(status, 'bad_request', 'bad request');
}

const TOKEN_INVALID = (): Reply => failure(200, 'token_invalid', 'the token is not valid for this account');
const TOKEN_EXPIRED = (): Reply => failure(200, 'token_expired', 'the token has expired');

async function route(request: VendorRequest, tokens: BoundedMap<string, TokenState>): Promise<Route> {
  if (request.path !== '/api/v2/riskIntelligence/retrieve')
    return fixedRoute(failure(404, 'not_found', `no API at ${request.path}`));
  if (request.method !== 'POST') return fixedRoute(errorFor(405));
  const params = await parameters(request);
  const token = typeof params?.token === 'string' && params.token !== '' ? params.token : undefined;
  return {
    token,
    answer() {
      const credentials = SIMULATOR_CREDENTIALS.friendlyCaptcha;
      const apiKey = header(request, 'x-api-key');
      if (!apiKey) return failure(401, 'auth_required', 'the X-API-Key header is missing');
      if (apiKey !== credentials.apiKey) return errorFor(401);
      if (!params) return failure(400, 'bad_request', 'the body is neither JSON nor form data');
      if (params.token === undefined || params.token === '')
        return failure(400, 'token_missing', 'the token parameter is missing or empty');
      if (params.sitekey !== undefined && params.sitekey !== '' && params.sitekey !== credentials.sitekey)
        return failure(400, 'sitekey_invalid', 'the sitekey is not valid');
      if (token === undefined || !isWellFormedToken(token))
        return failure(400, 'bad_request', 'the token is malformed');
      if (isUnknownToken(token)) return TOKEN_INVALID();
      if (token.endsWith('exp')) return TOKEN_EXPIRED();
      const state = tokens.get(token) ?? {
        createdMs: Date.now() - new Rng('friendlycaptcha-age', token).int(2_000, 120_000),
        uses: 0,
      };
      if (Date.now() >= state.createdMs + TOKEN_LIFETIME_MS) return TOKEN_EXPIRED();
      state.uses += 1;
      tokens.set(token, state);
      return successReply(envelope(token, state));
    },
    errorFor,
    notFound: TOKEN_INVALID,
    drift,
  };
}

/** `token` and `sitekey` from a JSON body or form data; undefined when the body is neither. */
async function parameters(request: VendorRequest): Promise<{ token: unknown; sitekey: unknown } | undefined> {
  const contentType = header(request, 'content-type') ?? '';
  if (/multipart\/form-data|application\/x-www-form-urlencoded/i.test(contentType)) {
    try {
      const form = await new Response(request.body, { headers: { 'content-type': contentType } }).formData();
      return { token: form.get('token') ?? undefined, sitekey: form.get('sitekey') ?? undefined };
    } catch {
      return undefined;
    }
  }
  try {
    const value: unknown = JSON.parse(request.body);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    return {
      token: 'token' in value ? value.token : undefined,
      sitekey: 'sitekey' in value ? value.sitekey : undefined,
    };
  } catch {
    return undefined;
  }
}

function envelope(token: string, state: TokenState): JsonObject {
  const rng = new Rng('friendlycaptcha', token);
  return {
    success: true,
    data: {
      // One event per retrieve.
      event_id: `ev_${new Rng('friendlycaptcha-event', `${token}#${state.uses}`).alnum(16)}`,
      token: {
        timestamp: new Date(state.createdMs).toISOString(),
        expires_at: new Date(state.createdMs + TOKEN_LIFETIME_MS).toISOString(),
        num_uses: state.uses,
        origin: rng.chance(0.85) ? 'https://shop.example.com' : undefined,
      },
      risk_intelligence: withKnownBot(token, riskIntelligence(persona(token), rng)),
    },
  };
}

/** Token convention: a token ending in this is a known bot (when the bot detection module is on). */
const KNOWN_BOT_SUFFIX = 'knownbot';

/** An identified AI crawler, as the vendor reports known bots: declared, not automation. */
function withKnownBot(token: string, intelligence: JsonObject): JsonObject {
  if (!token.endsWith(KNOWN_BOT_SUFFIX)) return intelligence;
  setAt(intelligence, ['client', 'automation', 'known_bot'], {
    detected: true,
    id: 'GPTBot',
    name: 'GPTBot',
    type: 'ai_crawler',
    url: 'https://openai.com/gptbot',
  });
  return intelligence;
}

type Module = 'riskScores' | 'ipIntelligence' | 'anonymization' | 'browserIdentification' | 'botDetection';
const MODULES: readonly Module[] = [
  'riskScores',
  'ipIntelligence',
  'anonymization',
  'browserIdentification',
  'botDetection',
];

/**
 * Accounts differ in the modules they pay for: most have all, some have one or two off (their
 * objects are null), and some get the bare minimum with objects left out entirely (both happen
 * in the vendor's SDK test fixtures).
 */
function riskIntelligence(who: Persona, rng: Rng): JsonObject {
  const plan = variation(who, 'full', () =>
    rng.weighted([
      ['full', 75],
      ['modulesOff', 15],
      ['minimal', 10],
    ] as const),
  );
  const { device, session } = who;
  if (plan === 'minimal') {
    return {
      network: { ip: session.connection.address },
      client: { header_user_agent: device.web.userAgent, browser: null },
    };
  }
  const off = new Set<Module>();
  if (plan === 'modulesOff') while (off.size < rng.int(1, 2)) off.add(rng.pick(MODULES));
  const on = (module: Module, value: JsonObject): JsonObject | null => (off.has(module) ? null : value);
  const scores = riskScores(who, rng);
  const c = session.connection;
  const { place, network } = c;
  const web = device.web;
  const noAutomation = { detected: false, id: '', name: '', type: '' };
  return {
    risk_scores: on('riskScores', {
      overall: Math.max(scores.network, scores.browser),
      network: scores.network,
      browser: scores.browser,
    }),
    network: {
      ip: c.address,
      as: on('ipIntelligence', {
        number: network.asn,
        name: network.handle,
        company: network.org,
        description: network.org,
        domain: network.domain,
        country: place.country.code,
        rir: place.country.rir,
        route: routeOf(network, c.address),
        type: network.type,
      }),
      geolocation: on('ipIntelligence', {
        country: {
          iso2: place.country.code,
          iso3: place.country.iso3,
          name: place.country.name,
          name_native: place.country.nativeName,
          region: place.country.region,
          subregion: place.country.subregion,
          currency: place.country.currency,
          currency_name: place.country.currencyName,
          phone_code: place.country.phoneCode,
          capital: place.country.capital,
        },
        city: place.city,
        state: place.subdivision.name,
      }),
      abuse_contact: on('ipIntelligence', {
        address: `${network.org}, ${place.city}, ${place.country.name}`,
        name: `${network.org} Abuse Desk`,
        email: `abuse@${network.domain}`,
        phone: `+${place.country.phoneCode} ${new Rng('friendlycaptcha-abuse', network.domain).digits(9)}`,
      }),
      anonymization: on('anonymization', {
        vpn_score: c.vpn ? rng.int(4, 5) : c.relay ? 2 : 1,
        proxy_score: c.proxy ? rng.int(4, 5) : 1,
        tor: c.tor,
        icloud_private_relay: c.relay,
      }),
    },
    client: {
      header_user_agent: web.userAgent,
      time_zone: on('browserIdentification', { name: device.timezone, country_iso2: device.home.country.code }),
      browser: on('browserIdentification', {
        id: web.browser.id,
        name: web.browser.name,
        version: web.browser.full,
        release_date: web.browser.releaseDate,
      }),
      browser_engine: on('browserIdentification', {
        id: web.engine.id,
        name: web.engine.name,
        version: web.engine.version,
      }),
      device: on('browserIdentification', { type: web.device.type, brand: web.device.brand, model: web.device.model }),
      os: on('browserIdentification', { id: web.os.id, name: web.os.displayName, version: web.os.version }),
      tls_signature: on('botDetection', {
        ja3: new Rng('ja3', web.key).hex(32),
        ja3n: new Rng('ja3n', web.key).hex(32),
        ja4: web.ja4,
      }),
      automation: on('botDetection', {
        automation_tool: device.automation
          ? { detected: true, id: device.automation.id, name: device.automation.name, type: 'browser_automation' }
          : noAutomation,
        known_bot: { ...noAutomation, url: '' },
      }),
    },
  };
}

/** Risk scores from 1 (very low) to 5 (very high). */
function riskScores({ device, session }: Persona, rng: Rng): { network: number; browser: number } {
  const c = session.connection;
  const network = c.tor
    ? 5
    : c.vpn || c.proxy
      ? rng.int(4, 5)
      : c.datacenter
        ? 3
        : c.relay
          ? 2
          : c.emailSpam || c.attackSource
            ? 3
            : rng.int(1, 2);
  const { flags } = device;
  const browser = flags.bot ? 5 : flags.tampering ? 4 : flags.privacySettings ? 3 : session.incognito ? 2 : 1;
  return { network, browser };
}

function drift(kind: DriftKind, body: JsonObject): void {
  const ri = ['data', 'risk_intelligence'];
  if (kind === 'unknownFields') {
    setAt(body, ['data', 'sim_extra'], { added_by: 'simulator' });
    setAt(body, [...ri, 'fraud_signals'], { velocity_score: 1 });
    setAt(body, [...ri, 'network', 'asn_rank'], 42);
    // The field the vendor removed in February 2026: clients must not break when it reappears.
    setAt(body, [...ri, 'client', 'automation', 'headless'], false);
  } else if (kind === 'unknownEnums') {
    setAt(body, [...ri, 'network', 'as', 'type'], 'satellite');
    setAt(body, [...ri, 'client', 'device', 'type'], 'vehicle');
    setAt(body, [...ri, 'client', 'browser', 'id'], 'arc_browser');
    setAt(body, [...ri, 'client', 'os', 'id'], 'harmonyos');
    setAt(body, [...ri, 'client', 'automation', 'known_bot', 'type'], 'ai_shopping_agent');
  } else {
    deleteAt(body, ['data', 'event_id']);
    deleteAt(body, ['data', 'token', 'expires_at']);
    deleteAt(body, [...ri, 'network', 'ip']);
    deleteAt(body, [...ri, 'client', 'header_user_agent']);
  }
}
