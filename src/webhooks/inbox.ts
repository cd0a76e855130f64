import type { IncomingHttpHeaders } from 'node:http';
import type { SignalLayout } from '../signals/layout.ts';
import { validateSignals } from '../signals/validate.ts';
import { deliveryKey, type ResultCache } from '../sources/cache.ts';
import type { VendorService } from '../sources/vendor-service.ts';
import type { VendorConnector } from '../vendors/connector.ts';
import { type PushedEvent, WebhookBodyError, type WebhookReceiver } from '../vendors/webhook.ts';

/** Why a delivery was refused (a metric label and the log's `reason`). */
export type Rejection =
  | 'method_not_allowed'
  | 'too_large'
  | 'missing_signature'
  | 'bad_signature'
  | 'malformed_json'
  | 'unreadable_event'
  | 'cache_unavailable';

/**
 * What became of one delivery. `accepted`: stored as its lookup's result; `duplicate`: this event
 * was received before (a redelivery), nothing to do; `stale`: its event is outside the age window,
 * not stored (a retry would not make it younger, so it is answered 2xx); `rejected`: refused with a
 * 4xx (or 503 when the cache is unreachable), nothing stored.
 */
export type DeliveryOutcome =
  | { outcome: 'accepted' | 'duplicate' | 'stale' }
  | { outcome: 'rejected'; reason: Rejection; message: string };

/** A vendor whose webhook deliveries are received: its connector and the connector's receiver. */
export interface WebhookVendor {
  connector: VendorConnector;
  receiver: WebhookReceiver;
  displayName: string;
}

export interface WebhookInboxOptions {
  /** Stores a pushed report as its lookup's result. */
  service: VendorService;
  /** Where received events are claimed, so redeliveries are recognised on every replica. */
  cache: ResultCache;
  /** Validates the signals a pushed event names, as a query's would be. */
  signals: SignalLayout;
}

/** Slack on a claim's life beyond the age window, so a redelivery at the window's edge is still known. */
const CLAIM_MARGIN_MS = 1000;

/**
 * Takes one delivery from its raw bytes to the result cache: signature first (nothing from an
 * unsigned body is even parsed), then JSON, the vendor's reading of the event, the signals a query
 * for it would carry, the age window, the duplicate check and the store. Never calls a vendor.
 */
export class WebhookInbox {
  readonly #options: WebhookInboxOptions;

  constructor(options: WebhookInboxOptions) {
    this.#options = options;
  }

  async receive(vendor: WebhookVendor, headers: IncomingHttpHeaders, body: Buffer): Promise<DeliveryOutcome> {
    const signature = vendor.receiver.verify(headers, body);
    if (signature === 'missing') return rejected('missing_signature', 'The webhook signature header is missing');
    if (signature === 'invalid') return rejected('bad_signature', 'The webhook signature does not match the body');

    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      return rejected('malformed_json', 'The webhook body is not valid JSON');
    }
    let event: PushedEvent;
    try {
      event = vendor.receiver.read(parsed);
    } catch (error) {
      if (!(error instanceof WebhookBodyError)) throw error;
      return rejected('unreadable_event', `The webhook body is not a ${vendor.displayName} event: ${error.message}`);
    }
    const checked = validateSignals(event.signals, 'event', this.#options.signals);
    if (!checked.ok) return rejected('unreadable_event', `The webhook event is unusable: ${checked.problem.message}`);
    const lookup = vendor.connector.lookup(checked.signals);
    if (lookup === undefined)
      return rejected('unreadable_event', 'The webhook event names nothing a query could ask for');

    const now = Date.now();
    if (Math.abs(now - event.timestampMs) > vendor.receiver.maxAgeMs) return { outcome: 'stale' };
    const { cache, service } = this.#options;
    if ((await cache.cacheHealth()) === 'degraded') {
      return rejected('cache_unavailable', 'The result cache is unreachable: the event was not stored');
    }
    const claimTtlMs = event.timestampMs + vendor.receiver.maxAgeMs - now + CLAIM_MARGIN_MS;
    const key = deliveryKey(vendor.connector.vendor, event.id);
    const claim = await cache.claim(key, claimTtlMs);
    if (!claim.claimed) return { outcome: 'duplicate' };
    try {
      await service.store(vendor.connector, lookup, event.report);
    } catch (error) {
      await cache.release(key); // not stored: the vendor's retry must not count as a duplicate
      throw error;
    }
    return { outcome: 'accepted' };
  }
}

function rejected(reason: Rejection, message: string): DeliveryOutcome {
  return { outcome: 'rejected', reason, message };
}
