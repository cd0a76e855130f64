import type { IncomingHttpHeaders } from 'node:http';
import { VendorError } from '../errors.ts';
import {
  headerValue,
  hmacSha256Matches,
  type PushedEvent,
  type SignatureCheck,
  WebhookBodyError,
  type WebhookReceiver,
  type WebhookSupport,
} from '../webhook.ts';
import type { FingerprintReport } from './report.ts';
import { v3ProductsShape } from './schema.ts';
import type { FingerprintView } from './view.ts';

/**
 * Fingerprint webhooks (https://dev.fingerprint.com/docs/webhooks): one POST per identification
 * event, signed in the `FPJS-Event-Signature` header (https://dev.fingerprint.com/docs/webhooks-security).
 * The body is the v4 `Event`, the very object `GET /v4/events/{event_id}` answers, or, for webhooks
 * created with "Use legacy payload", a v3 event flattened: the identification fields and every
 * Smart Signal's `data` at the top level instead of the `products` envelope. Both are mapped by the
 * client's own event mapper, so a delivery yields the report a lookup of the event would.
 */

export const FINGERPRINT_WEBHOOK: WebhookSupport = {
  path: 'fingerprint',
  // An event with every Smart Signal and raw attribute is about 10 KiB.
  maxBodyBytes: 256 * 1024,
  documentation: 'https://dev.fingerprint.com/docs/webhooks',
  variables: ['FINGERPRINT_WEBHOOK_SECRETS', 'FINGERPRINT_WEBHOOK_MAX_AGE_S'],
};

/** `v1=<hex HMAC-SHA256 of the raw body>`, comma-separated when the webhook has several secrets. */
const SIGNATURE_HEADER = 'fpjs-event-signature';
const SIGNATURE_VERSION = 'v1';

/** Webhook-only members of a v4 event (the rules that triggered it): a lookup's event has none. */
const WEBHOOK_ONLY_FIELDS: ReadonlySet<string> = new Set(['triggered_by']);

/** Where a legacy body's top-level members go in the v3 events response it flattens. */
const BOTD_FIELDS = new Set(['bot', 'userAgent']);
const V3_TOP_LEVEL_PRODUCTS: ReadonlySet<string> = new Set(
  [...Object.keys(v3ProductsShape), 'remoteControl', 'proximity'].filter(
    // `identification` and `botd` are spread at the top level; `incognito` is identification's flag.
    (product) => !['identification', 'botd', 'incognito'].includes(product),
  ),
);

/** The client's event mapper, for one body version: what a lookup of the event maps its answer with. */
export type EventMapper = (body: unknown, requestedId: string, version: 'v4' | 'v3') => FingerprintReport;

export interface FingerprintWebhookOptions {
  /** Signing secrets of the webhook, newest first (two during a rotation). */
  secrets: readonly string[];
  maxAgeMs: number;
}

export class FingerprintWebhook implements WebhookReceiver<FingerprintView> {
  readonly maxAgeMs: number;
  readonly #secrets: readonly string[];
  readonly #map: EventMapper;

  constructor(options: FingerprintWebhookOptions, map: EventMapper) {
    this.maxAgeMs = options.maxAgeMs;
    this.#secrets = options.secrets;
    this.#map = map;
  }

  verify(headers: IncomingHttpHeaders, body: Buffer): SignatureCheck {
    const header = headerValue(headers, SIGNATURE_HEADER)?.trim();
    if (!header) return 'missing';
    const signatures = header.split(',').flatMap((entry) => {
      const separator = entry.indexOf('=');
      if (separator < 0 || entry.slice(0, separator).trim() !== SIGNATURE_VERSION) return [];
      return [entry.slice(separator + 1).trim()];
    });
    return hmacSha256Matches(body, this.#secrets, signatures) ? 'valid' : 'invalid';
  }

  read(body: unknown): PushedEvent<FingerprintView> {
    if (!isObject(body)) throw new WebhookBodyError('the body is not a JSON object');
    if (typeof body['event_id'] === 'string') {
      const event = Object.fromEntries(Object.entries(body).filter(([field]) => !WEBHOOK_ONLY_FIELDS.has(field)));
      return this.#pushed(body['event_id'], event['timestamp'], () => this.#map(event, '', 'v4'));
    }
    if (typeof body['requestId'] === 'string') {
      const requestId = body['requestId'];
      return this.#pushed(requestId, body['timestamp'], () => this.#map(v3Response(body), requestId, 'v3'));
    }
    throw new WebhookBodyError('the body is neither a v4 event (`event_id`) nor a legacy v3 event (`requestId`)');
  }

  #pushed(id: string, timestamp: unknown, map: () => FingerprintReport): PushedEvent<FingerprintView> {
    if (typeof timestamp !== 'number' || !Number.isSafeInteger(timestamp) || timestamp <= 0) {
      throw new WebhookBodyError('the event has no valid `timestamp` (epoch milliseconds)');
    }
    let report: FingerprintReport;
    try {
      report = map();
    } catch (error) {
      if (error instanceof VendorError) throw new WebhookBodyError('the body does not have the shape of an event');
      throw error;
    }
    return { id, timestampMs: timestamp, signals: { fingerprintEventId: id }, report };
  }
}

/**
 * The v3 events response (`{ products: { <product>: { data } } }`) a legacy webhook body
 * flattens: its Smart Signals go back under their product names, `bot` and `userAgent` back into
 * `botd` (which repeats the request's url, ip, time and id, as the API's does), and every other
 * member into `identification`. Its `incognito` is both identification's flag and the Smart Signal.
 */
function v3Response(flat: Record<string, unknown>): { products: Record<string, unknown> } {
  const hasBotd = flat['bot'] !== undefined;
  const identification: Record<string, unknown> = {};
  const products: Record<string, unknown> = { identification: { data: identification } };
  for (const [member, value] of Object.entries(flat)) {
    if (V3_TOP_LEVEL_PRODUCTS.has(member)) products[member] = { data: value };
    else if (!hasBotd || !BOTD_FIELDS.has(member)) identification[member] = value;
  }
  if (hasBotd) {
    const { bot, url, ip, time, userAgent, requestId } = flat;
    products['botd'] = { data: { bot, url, ip, time, userAgent, requestId } };
  }
  if (typeof flat['incognito'] === 'boolean') products['incognito'] = { data: { result: flat['incognito'] } };
  return { products };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
