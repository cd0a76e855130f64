import { createHash } from 'node:crypto';
import type { Signals } from '../../signals/signals.ts';
import type { VendorOperation } from '../connector.ts';
import type { ConnectorSetup } from '../descriptor.ts';
import { VendorError } from '../errors.ts';
import { type HttpResponse, parseJsonBody, retryAfterMs, tryParseJsonBody } from '../http.ts';
import { HttpConnector } from '../http-connector.ts';
import { DriftLog, parseBody } from '../tolerant.ts';
import type { WebhookReceiver } from '../webhook.ts';
import { normalizeV3 } from './map-v3.ts';
import { normalizeV4 } from './map-v4.ts';
import { buildFingerprintReport, type FingerprintReport } from './report.ts';
import {
  errorBodySchema,
  V4_DOCUMENTED_UNUSED_FIELDS,
  v3EventSchema,
  v3ProductsShape,
  v3SearchSchema,
  v4EventSchema,
  v4EventShape,
  v4SearchSchema,
} from './schema.ts';
import { unsealEvent } from './sealed.ts';
import type { FingerprintView } from './view.ts';
import { FingerprintWebhook, type FingerprintWebhookOptions } from './webhook.ts';

export interface FingerprintOptions extends ConnectorSetup {
  apiKey: string;
  apiUrl: string;
  apiVersion: 'v4' | 'v3';
  /**
   * AES-256 keys (32 bytes each) for sealed client results, tried in order (rotation: new key
   * first). None: sealed results cannot be read, and an event id given beside one is used instead.
   */
  sealedKeys?: Buffer[];
  /** Signing secrets and age window of the account's webhook; unset: webhook deliveries are not received. */
  webhook?: FingerprintWebhookOptions | undefined;
}

export type FingerprintLookup =
  | { kind: 'event'; eventId: string }
  | { kind: 'sealed'; sealed: string }
  | { kind: 'visitor'; visitorId: string; limit: number };

/**
 * A visitor's recent events are cached this long: long enough to serve a router's burst of device
 * references from the cache, short enough that a new identification shows up within a minute (the
 * cache hint of device lookups says the same).
 */
const VISITOR_HISTORY_TTL_MS = 60_000;

/** Every top-level v4 field Fingerprint documents, read or not: anything else is drift. */
const V4_KNOWN_FIELDS = {
  ...v4EventShape,
  ...Object.fromEntries(V4_DOCUMENTED_UNUSED_FIELDS.map((field) => [field, true])),
};

/**
 * Fingerprint Server API client: `GET /v4/events/{event_id}` and `GET /v4/events?visitor_id=`
 * (v4, `Authorization: Bearer`), or `GET /events/{request_id}` and `GET /events/search` (v3,
 * `Auth-API-Key`) for accounts not migrated yet. Sealed client results are decrypted locally,
 * with no API call.
 */
export class FingerprintClient extends HttpConnector<
  'FINGERPRINT',
  FingerprintOptions,
  FingerprintLookup,
  FingerprintView
> {
  /** Receives webhook deliveries (webhook.ts), mapping their events as a lookup maps its answer. */
  readonly webhook: WebhookReceiver<FingerprintView> | undefined;

  constructor(options: FingerprintOptions) {
    super('FINGERPRINT', options);
    this.webhook = options.webhook
      ? new FingerprintWebhook(options.webhook, (body, requestedId, version) =>
          this.#mapEvent(body, requestedId, version),
        )
      : undefined;
  }

  /** The sealed result wins over the event id (no API call), unless no key could open it. */
  lookup(signals: Signals): FingerprintLookup | undefined {
    const sealed = signals.fingerprintSealedResult;
    const canUnseal = (this.options.sealedKeys ?? []).length > 0;
    if (sealed && (canUnseal || !signals.fingerprintEventId)) return { kind: 'sealed', sealed };
    return signals.fingerprintEventId ? { kind: 'event', eventId: signals.fingerprintEventId } : undefined;
  }

  /** The visitor's most recent events, newest first (`GET /v4/events?visitor_id=`). */
  deviceHistory(visitorId: string, limit: number): FingerprintLookup {
    return { kind: 'visitor', visitorId, limit };
  }

  key(lookup: FingerprintLookup): string {
    switch (lookup.kind) {
      // A sealed payload is long and carries the whole event: only its digest goes into cache keys.
      case 'sealed':
        return `sealed:${createHash('sha256').update(lookup.sealed).digest('hex')}`;
      case 'visitor':
        return `visitor:${lookup.limit}:${lookup.visitorId}`;
      case 'event':
        return lookup.eventId;
    }
  }

  override operation(lookup: FingerprintLookup): VendorOperation {
    return lookup.kind === 'visitor' ? 'search' : 'lookup';
  }

  ttlMs(lookup: FingerprintLookup, report: FingerprintReport | null): number {
    // A visitor's history grows with every identification; an event is immutable once written
    // (but for `linked_id`, `tags` and `suspect`).
    if (lookup.kind === 'visitor') return Math.min(VISITOR_HISTORY_TTL_MS, this.options.cacheTtlMs);
    // A missing event may still be being written right after identification: do not cache the miss.
    return report ? this.options.cacheTtlMs : 0;
  }

  async fetch(lookup: FingerprintLookup, signal: AbortSignal): Promise<FingerprintReport | null> {
    if (lookup.kind === 'sealed') return this.#unseal(lookup.sealed);
    if (lookup.kind === 'visitor') return this.#visitorHistory(lookup.visitorId, lookup.limit, signal);
    const v4 = this.options.apiVersion === 'v4';
    const path = v4
      ? `/v4/events/${encodeURIComponent(lookup.eventId)}`
      : `/events/${encodeURIComponent(lookup.eventId)}`;
    const response = await this.http.request({ method: 'GET', path, headers: this.#auth(), signal });
    if (response.status === 404) return null;
    if (response.status !== 200) throw this.#error(response);
    return this.#mapEvent(parseJsonBody(this.vendor, response), lookup.eventId);
  }

  /**
   * The visitor's newest event's report, with `history` listing its most recent events newest
   * first; null when the visitor has no event.
   */
  async #visitorHistory(visitorId: string, limit: number, signal: AbortSignal): Promise<FingerprintReport | null> {
    const v4 = this.options.apiVersion === 'v4';
    const response = await this.http.request({
      method: 'GET',
      path: v4 ? '/v4/events' : '/events/search',
      query: { visitor_id: visitorId, limit: String(limit) },
      headers: this.#auth(),
      signal,
    });
    if (response.status === 404) return null;
    if (response.status !== 200) throw this.#error(response);
    const body = parseJsonBody(this.vendor, response);
    const parsed = (v4 ? v4SearchSchema : v3SearchSchema).safeParse(body);
    if (!parsed.success) throw this.#badShape();
    const history = (parsed.data.events ?? []).flatMap((event) => {
      try {
        const report = this.#mapEvent(event, '');
        return report.signals ? [report] : [];
      } catch {
        return []; // one malformed item must not hide the others
      }
    });
    const newest = history[0];
    return newest ? { ...newest, history } : null;
  }

  #auth(): Record<string, string> {
    return this.options.apiVersion === 'v4'
      ? { authorization: `Bearer ${this.options.apiKey}` }
      : { 'auth-api-key': this.options.apiKey };
  }

  #mapEvent(body: unknown, requestedId: string, version = this.options.apiVersion): FingerprintReport {
    const drift = new DriftLog();
    if (version === 'v4') {
      const parsed = v4EventSchema.safeParse(body);
      if (!parsed.success) throw this.#badShape();
      drift.unknownFields('', parsed.data, V4_KNOWN_FIELDS);
      return buildFingerprintReport(normalizeV4(parsed.data), drift);
    }
    const parsed = v3EventSchema.safeParse(body);
    if (!parsed.success) throw this.#badShape();
    drift.unknownFields('products', parsed.data.products, v3ProductsShape);
    return buildFingerprintReport(normalizeV3(parsed.data, requestedId), drift);
  }

  /**
   * A sealed result: the v4 `Event` (the format of sealed results since v4), or a v3 events
   * response (`{products}`) from accounts still on v3.
   */
  #unseal(sealed: string): FingerprintReport {
    const body = unsealEvent(sealed, this.options.sealedKeys ?? []);
    const drift = new DriftLog();
    if (typeof body === 'object' && body !== null && 'products' in body) {
      const event = parseBody(this.vendor, v3EventSchema, body, 'an event');
      drift.unknownFields('products', event.products, v3ProductsShape);
      const normalized = normalizeV3(event, '');
      if (!normalized.eventId) throw this.#badShape();
      return buildFingerprintReport({ ...normalized, origin: 'SEALED_RESULT' }, drift);
    }
    const event = parseBody(this.vendor, v4EventSchema, body, 'an event');
    drift.unknownFields('', event, v4EventShape);
    return buildFingerprintReport(normalizeV4(event, 'SEALED_RESULT'), drift);
  }

  #badShape(): VendorError {
    return VendorError.badResponse(this.vendor, 'answered a body that is not an event');
  }

  /** Fingerprint's documented error statuses (docs/vendors/fingerprint.md). */
  #error(response: HttpResponse): VendorError {
    const parsed = errorBodySchema.safeParse(tryParseJsonBody(this.vendor, response));
    const vendorCode = parsed.success ? parsed.data.error?.code : undefined;
    const options = { vendorCode, retryAfterMs: retryAfterMs(response) };
    if (response.status === 400) {
      const retryable = vendorCode === 'request_read_timeout';
      return retryable
        ? VendorError.unavailable(this.vendor, 'timed out reading our request', {
            ...options,
            httpStatus: 400,
          })
        : new VendorError(this.vendor, 'TOKEN_INVALID', 'rejected the event id as malformed', {
            ...options,
            httpStatus: 400,
          });
    }
    return this.statusError(response, vendorCode);
  }
}
