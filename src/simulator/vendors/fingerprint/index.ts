import { eachObjectAt } from '../../json.ts';
import { jsonReply, type Reply, successReply } from '../../reply.ts';
import { fixedRoute, isUnknownToken, type Route, type VendorRequest, type VendorSimulator } from '../types.ts';
import { type ApiVersion, errorReply } from './api.ts';
import { fingerprintEvent } from './event.ts';
import { type EventEntry, EventRegistry } from './registry.ts';
import { ruleAction } from './rulesets.ts';
import { parseUpdate } from './update.ts';
import { V3 } from './v3.ts';
import { V4 } from './v4.ts';
import { PRODUCT_FAILURES, variantOf, withVariant } from './variants.ts';
import { type FingerprintWebhookDelivery, type FingerprintWebhookRequest, sendWebhook } from './webhook.ts';

export interface FingerprintSimulator extends VendorSimulator {
  /** Pushes a signed webhook for an identification, as Fingerprint does (webhook.ts). */
  sendWebhook(request: FingerprintWebhookRequest): Promise<FingerprintWebhookDelivery>;
}

/**
 * Fingerprint Server API: v4 `GET /v4/events/{event_id}` (with `ruleset_id`), `PATCH
 * /v4/events/{event_id}` and `GET /v4/events?visitor_id=&limit=`; v3 `GET /events/{request_id}`,
 * `PUT /events/{request_id}` and `GET /events/search?visitor_id=&limit=`; and webhooks. Both
 * versions and the webhooks print the same events from one registry, so they all describe the same
 * event for one id, updates included. An event id ending in `_<variant>` (variants.ts) gets one of
 * the answers the vendor publishes examples of: product errors, good and spoofed bots,
 * undocumented enum values, edge events.
 */
export function fingerprintSimulator(): FingerprintSimulator {
  const registry = new EventRegistry();
  return {
    vendor: 'FINGERPRINT',
    prefix: '/fingerprint',
    route: (request) => route(request, registry),
    sendWebhook: (request) => sendWebhook(registry, request),
  };
}

const EVENT_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const VISITOR_ID = /^[A-Za-z0-9_-]{1,64}$/;

function route(request: VendorRequest, registry: EventRegistry): Route {
  const { method, path } = request;
  if (method === 'GET') {
    if (path === '/v4/events') return searchRoute(V4, request, registry);
    if (path === '/events/search') return searchRoute(V3, request, registry);
    const v4 = /^\/v4\/events\/([^/]+)$/.exec(path);
    if (v4?.[1]) return eventRoute(V4, request, decodeURIComponent(v4[1]), registry);
    const v3 = /^\/events\/([^/]+)$/.exec(path);
    if (v3?.[1]) return eventRoute(V3, request, decodeURIComponent(v3[1]), registry);
  }
  const v4Update = method === 'PATCH' ? /^\/v4\/events\/([^/]+)$/.exec(path) : null;
  if (v4Update?.[1]) return updateRoute(V4, request, decodeURIComponent(v4Update[1]), registry);
  const v3Update = method === 'PUT' ? /^\/events\/([^/]+)$/.exec(path) : null;
  if (v3Update?.[1]) return updateRoute(V3, request, decodeURIComponent(v3Update[1]), registry);
  // Visitors, related-visitors, deletions…: not simulated.
  return fixedRoute(
    jsonReply(404, { error: { code: 'not_found', message: `the simulator does not serve ${method} ${path}` } }),
  );
}

/** A route about one event id: the key, the id's format and the `404` convention come first. */
function aboutEvent(
  api: ApiVersion,
  request: VendorRequest,
  eventId: string,
  answer: () => Reply,
  drift: Route['drift'],
): Route {
  return {
    token: eventId,
    answer() {
      const refused = api.authError(request);
      if (refused) return refused;
      if (!EVENT_ID.test(eventId)) return api.invalid('invalid event_id');
      if (isUnknownToken(eventId)) return api.error(404, 'event');
      return answer();
    },
    errorFor: (status) => api.error(status, 'event'),
    notFound: () => api.error(404, 'event'),
    drift,
  };
}

function eventRoute(api: ApiVersion, request: VendorRequest, eventId: string, registry: EventRegistry): Route {
  const answer = (): Reply => {
    const variant = variantOf(eventId);
    const event = withVariant(fingerprintEvent(registry.lookup(eventId)), variant);
    const failures = variant && PRODUCT_FAILURES[variant];
    if (failures) return api.failed(failures, event);
    if (variant === 'edge') return api.edge(event);
    const body = api.render(event);
    if (variant === 'unknownenums') api.drift('unknownEnums', body);
    const rulesetId = api.rulesets ? request.query.get('ruleset_id') : null;
    if (rulesetId === null) return successReply(body);
    const action = ruleAction(rulesetId, event);
    if (!action) return errorReply(400, 'ruleset_not_found', 'ruleset not found');
    return successReply({ ...body, rule_action: action });
  };
  return aboutEvent(api, request, eventId, answer, (kind, body) => api.drift(kind, body));
}

function searchRoute(api: ApiVersion, request: VendorRequest, registry: EventRegistry): Route {
  const visitorId = request.query.get('visitor_id') || undefined;
  return {
    token: visitorId,
    answer() {
      const refused = api.authError(request);
      if (refused) return refused;
      const limit = parseLimit(request.query.get('limit'), api.limitRequired);
      if (limit === undefined) return api.invalid('invalid limit');
      // Real searches may filter by other attributes; the simulator knows visitors only.
      if (!visitorId) return api.invalid('visitor id is required');
      if (!VISITOR_ID.test(visitorId)) return api.invalid('invalid visitor id');
      if (isUnknownToken(visitorId)) return api.error(404, 'visitor');
      const events = registry.search(visitorId, limit).map((entry) => api.render(fingerprintEvent(entry)));
      return successReply(api.searchBody(events));
    },
    errorFor: (status) => api.error(status, 'visitor'),
    notFound: () => api.error(404, 'visitor'),
    drift: (kind, body) => eachObjectAt(body, ['events'], (event) => api.drift(kind, event)),
  };
}

/**
 * The update-event API. Only ids in the JS agent's format (`<epoch ms>.<suffix>`) say when their
 * event happened by the real clock: such an event is not mutable for its first seconds (409, as
 * Fingerprint documents right after creation) and no longer after a month (v4) or ten days (v3).
 * Other ids belong to the simulated world's fixed past and can always be updated.
 */
function updateRoute(api: ApiVersion, request: VendorRequest, eventId: string, registry: EventRegistry): Route {
  const answer = (): Reply => {
    const parsed = parseUpdate(request.body, api.updateFields, api.invalid);
    if (!parsed.ok) return parsed.reply;
    const notMutable = mutability(api, registry.lookup(eventId));
    if (notMutable) return notMutable;
    registry.update(eventId, parsed.update);
    return { status: 200, body: { type: 'empty' } };
  };
  return aboutEvent(api, request, eventId, answer, () => undefined);
}

/** Events are being propagated this long after they happened, and cannot be updated meanwhile. */
const PROPAGATION_MS = 10_000;

const JS_AGENT_ID = /^\d{13}\./;

function mutability(api: ApiVersion, entry: EventEntry): Reply | undefined {
  if (!JS_AGENT_ID.test(entry.eventId)) return undefined;
  const age = Date.now() - entry.timestampMs;
  if (age < PROPAGATION_MS) return api.error(409, 'event');
  if (age > api.maxUpdateAgeMs) return api.invalid('the event is too old to be updated');
  return undefined;
}

/** `limit`: 1 to 100; v4 defaults to 10, v3 requires it. Undefined when invalid. */
function parseLimit(value: string | null, required: boolean): number | undefined {
  if (value === null || value === '') return required ? undefined : 10;
  if (!/^\d+$/.test(value)) return undefined;
  const limit = Number(value);
  return limit >= 1 && limit <= 100 ? limit : undefined;
}
