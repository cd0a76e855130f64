import type { Signals } from '../../signals/signals.ts';
import type { ConnectorSetup } from '../descriptor.ts';
import { VendorError } from '../errors.ts';
import { parseJsonBody } from '../http.ts';
import { HttpConnector } from '../http-connector.ts';
import { DriftLog, parseBody } from '../tolerant.ts';
import { DEFAULT_RISK_SCORE_MAX } from './labels.ts';
import { buildTrustDecisionReport, type TrustDecisionReport } from './map.ts';
import { deviceDetailShape, deviceInfoSchema, deviceInfoShape } from './schema.ts';
import type { TrustDecisionView } from './view.ts';

export interface TrustDecisionOptions extends ConnectorSetup {
  partnerCode: string;
  /** Secret. Travels in the query string (TrustDecision's design), so it must never reach a log or an error. */
  partnerKey: string;
  /** Regional base, for example `https://us.apitd.net` (`/device/v3` is appended). */
  apiUrl: string;
  /** Top of the account's `device_risk_score` range (`TRUSTDECISION_RISK_SCORE_MAX`, 100 by default). */
  riskScoreMax?: number;
}

export interface TrustDecisionLookup {
  blackBox: string;
}

/** TrustDecision's body `code` for success (the HTTP status is 200 for every answer). */
const SUCCESS = 200;

/**
 * TrustDecision Device Information Query API: `POST /device/v3?partner_code=&partner_key=` with
 * `{"black_box": …}` (docs/vendors/trustdecision.md). Every answer is HTTP 200 with a body `code`; a read, so
 * idempotent.
 */
export class TrustDecisionClient extends HttpConnector<
  'TRUSTDECISION',
  TrustDecisionOptions,
  TrustDecisionLookup,
  TrustDecisionView
> {
  constructor(options: TrustDecisionOptions) {
    super('TRUSTDECISION', options);
  }

  lookup(signals: Signals): TrustDecisionLookup | undefined {
    return signals.trustDecisionBlackBox ? { blackBox: signals.trustDecisionBlackBox } : undefined;
  }

  key(lookup: TrustDecisionLookup): string {
    return lookup.blackBox;
  }

  ttlMs(_lookup: TrustDecisionLookup, report: TrustDecisionReport | null): number {
    // An unknown black box may be one the SDK registered a moment ago: do not cache the miss.
    return report ? this.options.cacheTtlMs : 0;
  }

  async fetch(lookup: TrustDecisionLookup, signal: AbortSignal): Promise<TrustDecisionReport | null> {
    const response = await this.http.request({
      method: 'POST',
      path: '/device/v3',
      query: { partner_code: this.options.partnerCode, partner_key: this.options.partnerKey },
      json: { black_box: lookup.blackBox },
      signal,
    });
    if (response.status !== 200) throw this.statusError(response);
    const info = parseBody(
      this.vendor,
      deviceInfoSchema,
      parseJsonBody(this.vendor, response),
      'a device information answer',
    );
    const success = info.code === SUCCESS || (info.code === undefined && info.device_id !== undefined);
    if (!success) {
      if (info.code === 404) return null;
      throw this.#bodyError(info.code);
    }
    const drift = new DriftLog();
    drift.unknownFields('', info, deviceInfoShape);
    drift.unknownFields('device_detail', info.device_detail, deviceDetailShape);
    return buildTrustDecisionReport(info, drift, this.options.riskScoreMax ?? DEFAULT_RISK_SCORE_MAX);
  }

  /** A non-success body `code` (HTTP 200). TrustDecision publishes no table; these follow HTTP meanings. */
  #bodyError(code: number | undefined): VendorError {
    const options = { httpStatus: 200, vendorCode: code === undefined ? undefined : String(code) };
    if (code === 401 || code === 403) {
      return new VendorError(
        this.vendor,
        'VENDOR_AUTH_FAILED',
        `rejected our partner credentials (code ${code})`,
        options,
      );
    }
    if (code === 400)
      return new VendorError(this.vendor, 'TOKEN_INVALID', 'rejected the black box (code 400)', options);
    if (code === 429) return VendorError.rateLimited(this.vendor, 'rate limit reached (code 429)', options);
    if (code === undefined) {
      return VendorError.badResponse(this.vendor, 'answered without a result code or a device', options);
    }
    return VendorError.unavailable(this.vendor, `failed (code ${code})`, options);
  }
}
