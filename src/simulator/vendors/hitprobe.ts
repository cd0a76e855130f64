import { isIP } from 'node:net';
import { z } from 'zod';
import { BoundedMap, TOKEN_STATE_CAPACITY } from '../bounded-map.ts';
import { SIMULATOR_CREDENTIALS } from '../credentials.ts';
import { deleteAt, eachObjectAt, type JsonObject, objectAt } from '../json.ts';
import { DAY_MS, MINUTE_MS, type Persona, persona } from '../persona.ts';
import { addressIn } from '../places.ts';
import { Rng } from '../random.ts';
import { jsonReply, type Reply, successReply } from '../reply.ts';
import {
  bearerToken,
  type DriftKind,
  fixedRoute,
  isUnknownToken,
  jsonObjectBody,
  type Route,
  type VendorRequest,
  type VendorSimulator,
} from './types.ts';

/**
 * Hitprobe: `POST /api/v1/event` with `Authorization: Bearer <secret_key>` and a JSON body
 * (`probe_id`, `ip`, `email`, `phone`, `address`…), answering `{ device, rules }`. Errors are
 * `{ "message": … }` with the vendor's status codes.
 *
 * Stateful like the vendor: every POST records an event. The first POST of a probe id is
 * `probe_unique`, later ones are not (and so `probe_suspect`); the device's `seen_*` counters
 * grow with each POST, and `unique_*` with each new network, e-mail, phone or postal code sent.
 */
export function hitprobeSimulator(): VendorSimulator {
  const probes = new BoundedMap<string, ProbeState>(TOKEN_STATE_CAPACITY);
  return { vendor: 'HITPROBE', prefix: '/hitprobe', route: (request) => route(request, probes) };
}

interface ProbeState {
  createdMs: number;
  posts: number;
  networks: Set<string>;
  emails: Set<string>;
  phones: Set<string>;
  postalCodes: Set<string>;
}

const MESSAGES: Readonly<Record<number, string>> = {
  400: 'Bad request',
  401: 'A valid secret_key was not found. Did you send it in the Authorization header as a bearer token?',
  403: "You've hit the limit on your plan. Please upgrade to continue.",
  404: 'Not found',
  405: 'Method not allowed',
  429: 'Too many requests. Please wait before trying again.',
  500: 'Internal server error',
  503: 'Service temporarily unavailable',
};

function errorFor(status: number): Reply {
  return jsonReply(status, { message: MESSAGES[status] ?? 'Request failed' });
}

/** Hitprobe validates like pydantic and names the field: `[probe_id] String should have at most 50 characters`. */
const text = (max: number) =>
  z
    .string({ error: 'Input should be a valid string' })
    .max(max, { error: `String should have at most ${max} characters` })
    .optional();

const eventSchema = z.looseObject({
  probe_id: text(50),
  ip: text(45).refine((value) => value === undefined || isIP(value) !== 0, {
    error: 'value is not a valid IPv4 or IPv6 address',
  }),
  email: text(254),
  name: text(200),
  phone: text(50),
  address: z
    .looseObject({
      address1: text(200),
      address2: text(200),
      city: text(100),
      state: text(100),
      country: text(2),
      postal_code: text(20),
    })
    .optional(),
});
type EventInput = z.output<typeof eventSchema>;

const NOT_FOUND = (): Reply => jsonReply(200, { device: { success: true, valid: false }, rules: [] });
/** The documentation's "Unsuccessful" device: the lookup failed (HTTP 200 all the same). */
const UNSUCCESSFUL = (): Reply => jsonReply(200, { device: { success: false, valid: null }, rules: [] });

/** Token conventions: a probe id ending in these gets the lookup failure, or a good crawler. */
const UNSUCCESSFUL_SUFFIX = 'fail';
const CRAWLER_SUFFIX = 'crawl';

/** A search engine crawler's user agent and what Hitprobe parses from it. */
const CRAWLER = {
  ua: 'Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.69 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  family: 'Googlebot',
  version: '2.1',
};

function route(request: VendorRequest, probes: BoundedMap<string, ProbeState>): Route {
  if (request.path !== '/api/v1/event') return fixedRoute(errorFor(404));
  if (request.method !== 'POST') return fixedRoute(errorFor(405));
  const raw = jsonObjectBody(request.body);
  const parsed = raw ? eventSchema.safeParse(raw) : undefined;
  const probeId = typeof raw?.['probe_id'] === 'string' ? raw['probe_id'] : undefined;
  return {
    token: probeId,
    answer() {
      if (bearerToken(request) !== SIMULATOR_CREDENTIALS.hitprobe.secretKey) return errorFor(401);
      if (!parsed)
        return jsonReply(400, {
          message: '[body] Input should be a valid dictionary or object to extract fields from',
        });
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return jsonReply(400, { message: `[${issue?.path.join('.') ?? 'body'}] ${issue?.message ?? 'Invalid input'}` });
      }
      const input = parsed.data;
      if (input.probe_id === undefined) return successReply({ rules: [] });
      if (isUnknownToken(input.probe_id)) return NOT_FOUND();
      // A failed lookup records nothing.
      if (input.probe_id.endsWith(UNSUCCESSFUL_SUFFIX)) return UNSUCCESSFUL();
      return successReply(recordEvent(probes, input.probe_id, input));
    },
    errorFor,
    notFound: NOT_FOUND,
    drift,
  };
}

/** Records one event of the probe and answers what Hitprobe knows after it. */
function recordEvent(probes: BoundedMap<string, ProbeState>, probeId: string, input: EventInput): JsonObject {
  const who = persona(probeId);
  const { device, session } = who;
  const rng = new Rng('hitprobe', probeId);
  const c = session.connection;
  const ipv4 = c.version === 4 ? c.address : rng.chance(0.5) ? addressIn(c.network, 4, rng) : null;
  const ipv6 = c.version === 6 ? c.address : c.network.ipv6 && rng.chance(0.3) ? addressIn(c.network, 6, rng) : null;
  const now = Date.now();
  // A replayed session sends a probe the agent created long before.
  const staleProbe = session.replayed;
  const state = probes.get(probeId) ?? {
    createdMs: now - (staleProbe ? rng.int(61, 240) : rng.int(0, 15)) * MINUTE_MS - rng.int(0, 59_000),
    posts: 0,
    networks: new Set([networkOf(c.address)]),
    emails: new Set<string>(),
    phones: new Set<string>(),
    postalCodes: new Set<string>(),
  };
  state.posts += 1;
  if (input.ip) state.networks.add(networkOf(input.ip));
  if (input.email) state.emails.add(input.email.trim().toLowerCase());
  if (input.phone) state.phones.add(input.phone.replace(/\D/g, ''));
  if (input.address?.postal_code) state.postalCodes.add(input.address.postal_code.trim().toUpperCase());
  probes.set(probeId, state);

  const history = deviceHistory(who, rng);
  const minutes = Math.round((now - state.createdMs) / MINUTE_MS);
  const unique = state.posts === 1;
  const ipMatch =
    input.ip === undefined ? null : [ipv4, ipv6].some((address) => address?.toLowerCase() === input.ip?.toLowerCase());
  const suspect = minutes > 60 || !unique || ipMatch === false;
  const anonymous = c.vpn || c.proxy !== undefined || c.tor || c.relay || session.timezoneMismatch;
  const web = device.web;
  const seen = (base: number) => base + state.posts;
  const counts = {
    seenDay: seen(history.day),
    uniqueEmails: history.emails + state.emails.size,
  };
  const stamp = (ms: number, label: string) => zoneless(ms, new Rng('hitprobe-time', `${probeId}#${label}`).digits(3));
  const firstSeenMs =
    history.day + history.quarter === 0
      ? state.createdMs + rng.int(50, 900)
      : state.createdMs - rng.int(1, 90) * DAY_MS;
  const deviceObject: JsonObject = {
    success: true,
    valid: true,
    probe_id: probeId,
    probe_created_at: stamp(state.createdMs, 'created'),
    probe_mins_elapsed: minutes,
    probe_unique: unique,
    probe_ip_match: ipMatch,
    probe_suspect: suspect,
    device_id: new Rng('hitprobe-device', device.visitorId).alnum(22),
    ipv4,
    ipv6,
    browser_name: web.browser.name.replace(/^Headless|^Mobile | Mobile$/g, ''),
    private_browsing: session.incognito,
    headless_browser: device.flags.bot,
    platform: web.navigatorPlatform,
    vendor: web.vendor || null,
    memory: web.exposesMemory ? device.memoryGb : null,
    hardware_concurrency: device.cores,
    language: device.language,
    screen_resolution: `${device.screen[0]}x${device.screen[1]}`,
    timezone: device.timezone,
    timezone_mismatch: session.timezoneMismatch,
    bot: device.flags.bot,
    anonymous,
    ua: web.userAgent,
    ua_browser_family: web.browser.name,
    ua_browser_version:
      web.browser.id === 'safari' || web.browser.id === 'safari_ios' ? web.browser.full : `${web.browser.major}.0.0`,
    ua_os_family: web.os.name,
    ua_os_version: web.os.version,
    ua_device_family: web.device.type === 'mobile' ? web.device.family : web.device.model || 'Other',
    ua_device_brand: web.device.brand || null,
    ua_device_model: web.device.model || null,
    ua_mobile: web.device.type === 'mobile',
    ua_tablet: false,
    ua_touch_capable: web.device.type === 'mobile',
    ua_pc: web.device.type === 'desktop',
    ua_crawler: false,
    first_seen: stamp(firstSeenMs, 'first-seen'),
    last_seen: stamp(now, `post-${state.posts}`),
    seen_hour: seen(history.hour),
    seen_day: counts.seenDay,
    seen_month: seen(history.month),
    seen_quarter: seen(history.quarter),
    unique_networks: history.networks + state.networks.size,
    unique_emails: counts.uniqueEmails,
    unique_phone_numbers: history.phones + state.phones.size,
    unique_postal_codes: history.postalCodes + state.postalCodes.size,
  };
  if (probeId.endsWith(CRAWLER_SUFFIX)) {
    // A good bot: Hitprobe's `bot` never counts crawlers; only the user agent tells.
    Object.assign(deviceObject, {
      ua: CRAWLER.ua,
      ua_browser_family: CRAWLER.family,
      ua_browser_version: CRAWLER.version,
      ua_crawler: true,
      bot: false,
      headless_browser: false,
    });
  }
  return { device: deviceObject, rules: rules(who, { anonymous, suspect, ...counts }) };
}

/** What Hitprobe saw of the device before this probe (new devices: nothing). */
function deviceHistory({ device }: Persona, rng: Rng) {
  const busy = device.flags.bot || device.flags.highActivity;
  if (busy) {
    const day = rng.int(20, 300);
    return {
      hour: rng.int(5, 50),
      day,
      month: day * rng.int(5, 20),
      quarter: day * rng.int(20, 60),
      networks: rng.int(5, 30),
      emails: rng.int(4, 15),
      phones: rng.int(1, 8),
      postalCodes: rng.int(2, 10),
    };
  }
  if (rng.chance(0.5))
    return { hour: 0, day: 0, month: 0, quarter: 0, networks: 0, emails: 0, phones: 0, postalCodes: 0 };
  const month = rng.int(1, 10);
  return {
    hour: 0,
    day: rng.int(0, 2),
    month,
    quarter: month + rng.int(0, 10),
    networks: rng.int(0, 2),
    emails: rng.int(0, 1),
    phones: 0,
    postalCodes: rng.int(0, 1),
  };
}

interface RuleFacts {
  anonymous: boolean;
  suspect: boolean;
  seenDay: number;
  uniqueEmails: number;
}

/** The site's rules that matched: smart rules by their stable ids, and one custom rule. */
function rules({ device, session }: Persona, facts: RuleFacts): JsonObject[] {
  const smart = (id: string, name: string, action: string): JsonObject => ({ id, type: 'smart', name, action });
  const matched: JsonObject[] = [];
  if (device.flags.bot) matched.push(smart('bot', 'Bot', 'block'));
  if (facts.anonymous) matched.push(smart('anonymous', 'Anonymous', 'review'));
  if (session.timezoneMismatch) matched.push(smart('location', 'Location', 'review'));
  if (facts.seenDay > 10) matched.push(smart('repeat_device', 'Repeat device', 'review'));
  if (facts.uniqueEmails > 3) matched.push(smart('emails_per_device', 'Emails per device', 'block_review'));
  if (facts.suspect) matched.push(smart('suspect_probe', 'Suspect probe', 'review'));
  if (session.connection.datacenter && !device.flags.bot) {
    matched.push({ id: 'cr_5d1e07a9', type: 'custom', name: 'Data centre traffic', action: 'allow_review' });
  }
  return matched;
}

/** Network of an address for `unique_networks`: the /24 of IPv4, the /64 of IPv6. */
function networkOf(address: string): string {
  return address.includes(':')
    ? address.toLowerCase().split(':').slice(0, 4).join(':')
    : address.split('.').slice(0, 3).join('.');
}

/** Hitprobe's timestamps: `2024-05-20 09:10:27.656374`, microseconds, no zone (UTC). */
function zoneless(ms: number, microDigits: string): string {
  return `${new Date(ms).toISOString().slice(0, 23).replace('T', ' ')}${microDigits}`;
}

function drift(kind: DriftKind, body: JsonObject): void {
  if (kind === 'unknownFields') {
    body['risk'] = { score: 12, level: 'low' };
    const device = objectAt(body, ['device']);
    if (device) device['webgl_renderer'] = 'ANGLE (Apple, ANGLE Metal Renderer: Apple M2, Unspecified Version)';
    eachObjectAt(body, ['rules'], (rule) => (rule['priority'] = 1));
  } else if (kind === 'unknownEnums') {
    if (!Array.isArray(body['rules']) || body['rules'].length === 0)
      body['rules'] = [{ id: 'velocity', type: 'smart', name: 'Velocity', action: 'allow' }];
    eachObjectAt(body, ['rules'], (rule) => {
      rule['type'] = 'ml';
      rule['action'] = 'quarantine';
    });
  } else {
    for (const path of [['device', 'valid'], ['device', 'probe_id'], ['device', 'device_id'], ['rules']])
      deleteAt(body, path);
  }
}
