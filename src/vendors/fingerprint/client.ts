import { createHash } from 'node:crypto';
import type { Signals } from '../../signals/signals.ts';
import { safeParse } from '../compiled-schema.ts';
import type { CheckpointLookup, Feedback, VendorOperation } from '../connector.ts';
import type { ConnectorSetup } from '../descriptor.ts';
import { VendorError } from '../errors.ts';
import { type HttpResponse, parseJsonBody, retryAfterMs, tryParseJsonBody } from '../http.ts';
import { HttpConnector } from '../http-connector.ts';
import { DriftLog, parseBody } from '../tolerant.ts';
import type { WebhookReceiver } from '../webhook.ts';
import { updateRequest } from './feedback.ts';
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

/** `rulesetId`: a checkpoint's ruleset, evaluated with the event (v4 `ruleset_id`). */
export type FingerprintLookup =
  | { kind: 'event'; eventId: string; rulesetId?: string }
  | { kind: 'sealed'; sealed: string }
  | { kind: 'visitor'; visitorId: string; limit: number };

/**
 * A visitor's recent events are cached this long: long enough to serve a router's burst of device
 * references from the cache, short enough that a new identification shows up within a minute (the
 * cache hint of device lookups says the same).
 */
const VISITOR_HISTORY_TTL_MS = 60_000;

/**
 * A ruleset's verdict is cached this long: a verdict, like `Event.risk` (a minute at most in
 * caches), and the ruleset may be edited at Fingerprint while the event stays the same.
 */
const RULESET_VERDICT_TTL_MS = 60_000;

/** The checkpoint option naming a ruleset (the descriptor declares it). */
export const RULESET_OPTION = 'fingerprintRulesetId';

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

  /**
   * A checkpoint's ruleset is evaluated by the v4 event lookup (`ruleset_id`), which answers the
   * event and its `rule_action`. Sealed results and v3 have no rulesets: the plain lookup serves.
   */
  checkpointLookup(
    signals: Signals,
    options: Readonly<Record<string, unknown>>,
  ): CheckpointLookup<FingerprintLookup> | undefined {
    const plain = this.lookup(signals);
    const rulesetId = options[RULESET_OPTION];
    if (!plain || typeof rulesetId !== 'string') return plain && { lookup: plain };
    if (plain.kind !== 'event') {
      return {
        notEvaluated: 'a sealed result carries no ruleset evaluation (it is decrypted locally, with no API call)',
      };
    }
    if (this.options.apiVersion === 'v3') return { notEvaluated: 'Server API v3 has no rulesets' };
    return { lookup: { ...plain, rulesetId } };
  }

  /**
   * Sets the event's `suspect` flag (and `linked_id`, `tags` when given) with the update-event API.
   * The event id is needed: a sealed result alone names no event to update.
   */
  async sendFeedback(signals: Signals, feedback: Feedback, signal: AbortSignal): Promise<void> {
    const eventId = signals.fingerprintEventId;
    if (!eventId) {
      throw new VendorError(this.vendor, 'TOKEN_INVALID', 'an event id is needed to record an outcome', {
        reachedVendor: false,
      });
    }
    const request = updateRequest(this.options.apiVersion, eventId, feedback);
    const response = await this.http.request({ ...request, headers: this.#auth(), signal });
    if (response.status !== 200) throw this.#updateError(response);
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
        // Event ids have no `|`: a ruleset lookup never shares the plain lookup's key.
        return lookup.rulesetId ? `${lookup.eventId}|ruleset:${lookup.rulesetId}` : lookup.eventId;
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
    if (!report) return 0;
    return lookup.kind === 'event' && lookup.rulesetId
      ? Math.min(RULESET_VERDICT_TTL_MS, this.options.cacheTtlMs)
      : this.options.cacheTtlMs;
  }

  async fetch(lookup: FingerprintLookup, signal: AbortSignal): Promise<FingerprintReport | null> {
    if (lookup.kind === 'sealed') return this.#unseal(lookup.sealed);
    if (lookup.kind === 'visitor') return this.#visitorHistory(lookup.visitorId, lookup.limit, signal);
    const v4 = this.options.apiVersion === 'v4';
    const path = v4
      ? `/v4/events/${encodeURIComponent(lookup.eventId)}`
      : `/events/${encodeURIComponent(lookup.eventId)}`;
    const query = lookup.rulesetId ? { ruleset_id: lookup.rulesetId } : undefined;
    const response = await this.http.request({
      method: 'GET',
      path,
      ...(query ? { query } : {}),
      headers: this.#auth(),
      signal,
    });
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
    const parsed = safeParse(v4 ? v4SearchSchema : v3SearchSchema, body);
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
      const parsed = safeParse(v4EventSchema, body);
      if (!parsed.success) throw this.#badShape();
      drift.unknownFields('', parsed.data, V4_KNOWN_FIELDS);
      return buildFingerprintReport(normalizeV4(parsed.data), drift);
    }
    const parsed = safeParse(v3EventSchema, body);
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
    drift.unknownFields('', event, V4_KNOWN_FIELDS);
    return buildFingerprintReport(normalizeV4(event, 'SEALED_RESULT'), drift);
  }

  #badShape(): VendorError {
    return VendorError.badResponse(this.vendor, 'answered a body that is not an event');
  }

  /** The update's documented errors: 409 while the event is not mutable yet, 404, 400 (too old, invalid). */
  #updateError(response: HttpResponse): VendorError {
    const vendorCode = this.#vendorCode(response);
    const options = { vendorCode, httpStatus: response.status };
    if (response.status === 409) {
      return new VendorError(
        this.vendor,
        'VENDOR_RETRY_LATER',
        'cannot update the event yet (it was just created); try again in a few seconds',
        options,
      );
    }
    if (response.status === 404) {
      return new VendorError(this.vendor, 'TOKEN_NOT_FOUND', 'does not know the event to update (HTTP 404)', options);
    }
    if (response.status === 400 && vendorCode !== 'request_read_timeout') {
      return new VendorError(
        this.vendor,
        'TOKEN_INVALID',
        'refused the update (HTTP 400), for example because the event is too old to update',
        options,
      );
    }
    return this.#error(response);
  }

  #vendorCode(response: HttpResponse): string | undefined {
    const parsed = safeParse(errorBodySchema, tryParseJsonBody(this.vendor, response));
    return parsed.success ? parsed.data.error?.code : undefined;
  }

  /** Fingerprint's documented error statuses (docs/vendors/fingerprint.md). */
  #error(response: HttpResponse): VendorError {
    const vendorCode = this.#vendorCode(response);
    const options = { vendorCode, retryAfterMs: retryAfterMs(response) };
    if (response.status === 400 && vendorCode === 'ruleset_not_found') {
      return new VendorError(
        this.vendor,
        'VENDOR_RULESET_NOT_FOUND',
        'does not know the ruleset the checkpoint names',
        {
          ...options,
          httpStatus: 400,
        },
      );
    }
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
