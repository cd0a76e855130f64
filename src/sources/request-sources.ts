import DataLoader from 'dataloader';
import type { Vendor } from '../model/vendor.ts';
import type { Signals } from '../signals/signals.ts';
import type { VendorConnector } from '../vendors/connector.ts';
import { toVendorError, VendorError } from '../vendors/errors.ts';
import type { FingerprintReport } from '../vendors/fingerprint/report.ts';
import { failedOutcome, okOutcome, type SourceOutcome } from './outcome.ts';
import type { VendorService } from './vendor-service.ts';

/** The connectors of one deployment; a vendor without credentials (and no simulator) is absent. */
export type Connectors = Partial<Record<Vendor, VendorConnector>>;

/** Fingerprint's extra operation: recent events of a visitor. */
export interface VisitorSearch {
  searchByVisitor(visitorId: string, limit: number, signal: AbortSignal): Promise<FingerprintReport[]>;
}

/** The request's deadline: its signal aborts at `deadlineAt` (epoch ms) or when the client leaves. */
export interface Deadline {
  signal: AbortSignal;
  deadlineAt: number;
}

export type VisitorEvents = { ok: true; reports: FingerprintReport[] } | { ok: false; outcome: SourceOutcome };

/**
 * Vendor data for one GraphQL request. One DataLoader per vendor guarantees that each
 * (vendor, token) is fetched at most once per request, however many fields, aliases, list items or
 * entity representations ask for it; loads issued in the same tick run in parallel.
 */
export class RequestSources {
  readonly #service: VendorService;
  readonly #connectors: Connectors;
  readonly #visitorSearch: VisitorSearch | undefined;
  readonly #deadline: Deadline;
  readonly #loaders = new Map<Vendor, DataLoader<unknown, SourceOutcome, string>>();
  readonly #searches: DataLoader<string, VisitorEvents>;

  constructor(
    service: VendorService,
    connectors: Connectors,
    visitorSearch: VisitorSearch | undefined,
    deadline: Deadline,
  ) {
    this.#service = service;
    this.#connectors = connectors;
    this.#visitorSearch = visitorSearch;
    this.#deadline = deadline;
    this.#searches = new DataLoader((keys) => Promise.all(keys.map((key) => this.#search(key))));
  }

  /** True when the signals carry a token for the vendor (whether or not it is configured). */
  named(vendor: Vendor, signals: Signals): boolean {
    return tokenPresent(vendor, signals);
  }

  /**
   * The vendor's outcome for these signals, or undefined when the signals carry no token for it.
   * Never rejects.
   */
  load(vendor: Vendor, signals: Signals): Promise<SourceOutcome> | undefined {
    if (!tokenPresent(vendor, signals)) return undefined;
    const connector = this.#connectors[vendor];
    if (!connector) {
      return Promise.resolve(notConfigured(vendor));
    }
    const lookup = connector.lookup(signals);
    if (lookup === undefined) return undefined;
    return this.#loader(vendor, connector).load(lookup);
  }

  /** The visitor's recent Fingerprint events, newest first; one search per (visitor, limit) per request. */
  visitorEvents(visitorId: string, limit: number): Promise<VisitorEvents> {
    return this.#searches.load(`${limit}:${visitorId}`);
  }

  /** Seeds the per-request loader with events a search already returned, so they are not fetched again. */
  primeFingerprint(report: FingerprintReport): void {
    const connector = this.#connectors.FINGERPRINT;
    if (!connector) return;
    const lookup = connector.lookup({ fingerprintEventId: report.view.eventId });
    if (lookup === undefined) return;
    this.#loader('FINGERPRINT', connector).prime(
      lookup,
      okOutcome('FINGERPRINT', report, { latencyMs: 0, cached: false, validForMs: connector.ttlMs(report) }),
    );
  }

  #loader(vendor: Vendor, connector: VendorConnector): DataLoader<unknown, SourceOutcome, string> {
    let loader = this.#loaders.get(vendor);
    if (!loader) {
      loader = new DataLoader<unknown, SourceOutcome, string>(
        (lookups) =>
          Promise.all(
            lookups.map((lookup) =>
              this.#service.resolve(connector, lookup, this.#deadline.signal, this.#deadline.deadlineAt),
            ),
          ),
        { cacheKeyFn: (lookup) => connector.key(lookup) },
      );
      this.#loaders.set(vendor, loader);
    }
    return loader;
  }

  async #search(key: string): Promise<VisitorEvents> {
    const separator = key.indexOf(':');
    const limit = Number(key.slice(0, separator));
    const visitorId = key.slice(separator + 1);
    const search = this.#visitorSearch;
    if (!search) return { ok: false, outcome: notConfigured('FINGERPRINT') };
    const started = performance.now();
    try {
      const { signal, deadlineAt } = this.#deadline;
      const reports = await this.#service.search(
        'FINGERPRINT',
        key,
        VISITOR_SEARCH_TTL_MS,
        (attemptSignal) => search.searchByVisitor(visitorId, limit, attemptSignal),
        { signal, deadlineAt },
      );
      for (const report of reports) this.primeFingerprint(report);
      return { ok: true, reports };
    } catch (error) {
      return {
        ok: false,
        outcome: failedOutcome(toVendorError('FINGERPRINT', error), Math.round(performance.now() - started)),
      };
    }
  }
}

/**
 * A visitor's recent events are cached this long: long enough to serve a router's burst of device
 * references from the cache, short enough that a new identification shows up within a minute (the
 * cache hint of device lookups says the same).
 */
const VISITOR_SEARCH_TTL_MS = 60_000;

const TOKEN_OF: Record<Vendor, (signals: Signals) => string | undefined> = {
  FINGERPRINT: (s) => s.fingerprintSealedResult ?? s.fingerprintEventId,
  TRUSTDECISION: (s) => s.trustDecisionBlackBox,
  FRIENDLY_CAPTCHA: (s) => s.friendlyCaptchaToken,
  DETECTIP: (s) => s.detectIpToken,
  HITPROBE: (s) => s.hitprobeProbeId,
};

function tokenPresent(vendor: Vendor, signals: Signals): boolean {
  const token = TOKEN_OF[vendor](signals);
  return token !== undefined && token !== '';
}

function notConfigured(vendor: Vendor): SourceOutcome {
  return failedOutcome(new VendorError(vendor, 'VENDOR_NOT_CONFIGURED', 'has no credentials in this deployment'), 0);
}
