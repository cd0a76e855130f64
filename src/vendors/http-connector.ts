import type { VendorReport } from '../model/report.ts';
import type { Vendor } from '../model/vendor.ts';
import type { Signals } from '../signals/signals.ts';
import type { VendorConnector, VendorOperation } from './connector.ts';
import { errorForStatus, type VendorError } from './errors.ts';
import { type HttpResponse, retryAfterMs, type VendorHttp, type VendorTransportOptions, vendorHttp } from './http.ts';

/**
 * What every HTTP vendor client shares: its vendor, its options, its connection pool, and closing
 * it. Each subclass adds only its wire format: where its token is in the signals, the request, and
 * how statuses and bodies map to reports and `VendorError`s.
 */
export abstract class HttpConnector<V extends Vendor, Options extends VendorTransportOptions, Lookup, View>
  implements VendorConnector<Lookup, View>
{
  readonly vendor: V;
  readonly idempotent: boolean;
  protected readonly options: Options;
  protected readonly http: VendorHttp;

  protected constructor(vendor: V, options: Options, { idempotent = true }: { idempotent?: boolean } = {}) {
    this.vendor = vendor;
    this.idempotent = idempotent;
    this.options = options;
    this.http = vendorHttp(vendor, options);
  }

  abstract lookup(signals: Signals): Lookup | undefined;
  abstract key(lookup: Lookup): string;
  abstract fetch(lookup: Lookup, signal: AbortSignal): Promise<VendorReport<View> | null>;
  abstract ttlMs(lookup: Lookup, report: VendorReport<View> | null): number;

  /** Every lookup is one event's unless a connector says otherwise. */
  operation(_lookup: Lookup): VendorOperation {
    return 'lookup';
  }

  /**
   * The shared meaning of a status the vendor's own table does not cover (errors.ts), carrying the
   * answer's `Retry-After` and, when its body named one, the vendor's error code.
   */
  protected statusError(response: HttpResponse, vendorCode?: string): VendorError {
    return errorForStatus(this.vendor, response.status, { vendorCode, retryAfterMs: retryAfterMs(response) });
  }

  /** Stops accepting requests and waits for in-flight ones (graceful shutdown). */
  async close(): Promise<void> {
    await this.http.close();
  }
}
