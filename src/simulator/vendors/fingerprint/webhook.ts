import { createHmac, randomBytes } from 'node:crypto';
import { isJsonObject, type JsonObject, objectAt } from '../../json.ts';
import { type PushAnswer, push } from '../../push.ts';
import { fingerprintEvent } from './event.ts';
import type { EventRegistry } from './registry.ts';
import { V3 } from './v3.ts';
import { V4 } from './v4.ts';

/**
 * Fingerprint webhooks (https://dev.fingerprint.com/docs/webhooks): for one identification, a POST
 * of the event, signed in `FPJS-Event-Signature` (https://dev.fingerprint.com/docs/webhooks-security).
 * The v4 payload is the event exactly as `GET /v4/events/{event_id}` returns it; the legacy (v3)
 * payload is the v3 event flattened, as in the vendor's `webhook.json` example.
 */

export interface FingerprintWebhookRequest {
  /** Where to POST: an http(s) URL on a loopback host. */
  url: string;
  /** Secrets to sign with, one `v1=` signature each, newest first; none: the delivery is unsigned. */
  secrets: readonly string[];
  /**
   * The identification's event id (a persona token such as `risky-0001` works). Unknown to the
   * simulator so far: it happens at `occurredAt`; already known: it keeps its time. Default: a new
   * `<epoch ms>.<random>` id.
   */
  eventId?: string;
  /** When the identification happened (epoch ms); default now. */
  occurredAt?: number;
  /** `v4` (default), or `v3` for a webhook created with "Use legacy payload". */
  payload?: 'v4' | 'v3';
}

export interface FingerprintWebhookDelivery extends PushAnswer {
  /** The event the delivery announced. */
  eventId: string;
}

/** Signs, sends, and reports what the receiver answered. */
export async function sendWebhook(
  registry: EventRegistry,
  request: FingerprintWebhookRequest,
): Promise<FingerprintWebhookDelivery> {
  const occurredAt = request.occurredAt ?? Date.now();
  const entry = registry.identify(request.eventId ?? freshEventId(occurredAt), occurredAt);
  const body = Buffer.from(JSON.stringify(webhookBody(registry, entry.eventId, request.payload ?? 'v4')));
  const headers: Record<string, string> =
    request.secrets.length > 0 ? { 'fpjs-event-signature': signatureHeader(body, request.secrets) } : {};
  return { eventId: entry.eventId, ...(await push(request.url, body, headers)) };
}

/** The body Fingerprint POSTs for an event the simulator knows. */
export function webhookBody(registry: EventRegistry, eventId: string, payload: 'v4' | 'v3'): JsonObject {
  const event = fingerprintEvent(registry.lookup(eventId));
  return payload === 'v4' ? V4.render(event) : legacyBody(V3.render(event));
}

/** `v1=<hex HMAC-SHA256 of the raw body>` per secret, comma-separated. */
export function signatureHeader(body: Buffer, secrets: readonly string[]): string {
  return secrets.map((secret) => `v1=${createHmac('sha256', secret).update(body).digest('hex')}`).join(',');
}

/**
 * A v3 events response flattened into the legacy webhook body: identification's fields and every
 * product's `data` at the top level under the product's name, `botd`'s bot result and user agent
 * as `bot` and `userAgent`; the incognito Smart Signal is identification's `incognito` flag.
 */
function legacyBody(response: JsonObject): JsonObject {
  const flat: JsonObject = {};
  for (const [name, product] of Object.entries(objectAt(response, ['products']) ?? {})) {
    const data = isJsonObject(product) ? product['data'] : undefined;
    if (data === undefined || data === null || name === 'incognito') continue;
    // Most products' data is an object; ML `labels` is a list.
    if (!isJsonObject(data)) flat[name] = data;
    else if (name === 'identification') Object.assign(flat, data);
    else if (name === 'botd') Object.assign(flat, { bot: data['bot'], userAgent: data['userAgent'] });
    else flat[name] = data;
  }
  return flat;
}

/** A JS agent request id for an identification at `atMs` (ending in letters, never in the `404` of unknown ids). */
function freshEventId(atMs: number): string {
  return `${atMs}.${randomBytes(4).toString('hex')}wh`;
}
