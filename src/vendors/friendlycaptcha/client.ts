import type { Signals } from '../../signals/signals.ts';
import type { ConnectorSetup } from '../descriptor.ts';
import { VendorError, type VendorErrorCode } from '../errors.ts';
import { type HttpResponse, parseJsonBody, tryParseJsonBody } from '../http.ts';
import { HttpConnector } from '../http-connector.ts';
import { DriftLog, parseBody } from '../tolerant.ts';
import { buildFriendlyCaptchaReport, type FriendlyCaptchaReport } from './map.ts';
import { clientShape, networkShape, retrieveSchema, retrieveShape, riskIntelligenceShape } from './schema.ts';
import type { FriendlyCaptchaView } from './view.ts';

/** `cacheTtlMs` is an upper bound: a result is never cached beyond its token's `expires_at`. */
export interface FriendlyCaptchaOptions extends ConnectorSetup {
  apiKey: string;
  /** Optional extra check: Friendly Captcha rejects tokens generated for another sitekey. */
  sitekey?: string | undefined;
  /** `https://global.frcapi.com` or `https://eu.frcapi.com`. */
  apiUrl: string;
}

export interface FriendlyCaptchaLookup {
  token: string;
}

/** Friendly Captcha's documented `error_code`s (docs/vendors/friendlycaptcha.md), whatever the HTTP status they come with. */
const ERROR_CODES: Readonly<Record<string, { code: VendorErrorCode; message: string }>> = {
  auth_required: { code: 'VENDOR_AUTH_FAILED', message: 'needs an API key' },
  auth_invalid: { code: 'VENDOR_AUTH_FAILED', message: 'rejected our API key' },
  // A configuration problem on our side, not the client's token.
  sitekey_invalid: { code: 'VENDOR_AUTH_FAILED', message: 'rejected the configured sitekey' },
  token_missing: { code: 'TOKEN_INVALID', message: 'received no token' },
  bad_request: { code: 'TOKEN_INVALID', message: 'rejected the request (malformed token)' },
  token_invalid: { code: 'TOKEN_INVALID', message: 'rejected the token as invalid' },
  token_expired: { code: 'TOKEN_EXPIRED', message: 'the token has expired' },
};

/**
 * Friendly Captcha Risk Intelligence: `POST /api/v2/riskIntelligence/retrieve` with `X-API-Key`
 * (docs/vendors/friendlycaptcha.md). A read (each call bumps `token.num_uses`), so idempotent; results are cached
 * until the token expires, which also keeps our own calls from inflating `num_uses`.
 */
export class FriendlyCaptchaClient extends HttpConnector<
  'FRIENDLY_CAPTCHA',
  FriendlyCaptchaOptions,
  FriendlyCaptchaLookup,
  FriendlyCaptchaView
> {
  constructor(options: FriendlyCaptchaOptions) {
    super('FRIENDLY_CAPTCHA', options);
  }

  lookup(signals: Signals): FriendlyCaptchaLookup | undefined {
    return signals.friendlyCaptchaToken ? { token: signals.friendlyCaptchaToken } : undefined;
  }

  key(lookup: FriendlyCaptchaLookup): string {
    // The sitekey is part of the question: the same token may be valid for one sitekey only.
    return this.options.sitekey ? `${this.options.sitekey}/${lookup.token}` : lookup.token;
  }

  /** Until `token.expires_at`, never beyond it, never negative, at most `maxTtlMs`. */
  ttlMs(_lookup: FriendlyCaptchaLookup, report: FriendlyCaptchaReport | null, now = Date.now()): number {
    const expiresAt = report?.view.tokenExpiresAt;
    if (!expiresAt) return 0;
    const remaining = Date.parse(expiresAt) - now;
    if (!Number.isFinite(remaining)) return 0;
    return Math.max(0, Math.min(remaining, this.options.cacheTtlMs));
  }

  async fetch(lookup: FriendlyCaptchaLookup, signal: AbortSignal): Promise<FriendlyCaptchaReport> {
    const sitekey = this.options.sitekey;
    const response = await this.http.request({
      method: 'POST',
      path: '/api/v2/riskIntelligence/retrieve',
      headers: { 'x-api-key': this.options.apiKey },
      json: sitekey ? { token: lookup.token, sitekey } : { token: lookup.token },
      signal,
    });
    if (response.status !== 200) throw this.#error(response);
    const body = parseBody(this.vendor, retrieveSchema, parseJsonBody(this.vendor, response), 'a retrieve answer');
    if (body.success !== true) throw this.#failure(body.error?.error_code, response);
    const data = body.data;
    if (!data) throw VendorError.badResponse(this.vendor, 'answered success without data', { httpStatus: 200 });
    const drift = new DriftLog();
    drift.unknownFields('', body, retrieveShape);
    drift.unknownFields('risk_intelligence', data.risk_intelligence, riskIntelligenceShape);
    drift.unknownFields('risk_intelligence.network', data.risk_intelligence?.network, networkShape);
    drift.unknownFields('risk_intelligence.client', data.risk_intelligence?.client, clientShape);
    return buildFriendlyCaptchaReport(data, drift);
  }

  /** A non-200 answer: its `error_code` when it has one (5xx bodies are often HTML), else the status. */
  #error(response: HttpResponse): VendorError {
    const parsed = retrieveSchema.safeParse(tryParseJsonBody(this.vendor, response));
    const errorCode = parsed.success ? parsed.data.error?.error_code : undefined;
    if (errorCode && Object.hasOwn(ERROR_CODES, errorCode)) return this.#failure(errorCode, response);
    return this.statusError(response, errorCode);
  }

  /** `success: false`: a domain result (expired or foreign token) as often as a transport failure. */
  #failure(errorCode: string | undefined, response: HttpResponse): VendorError {
    const known = errorCode && Object.hasOwn(ERROR_CODES, errorCode) ? ERROR_CODES[errorCode] : undefined;
    const options = { httpStatus: response.status, vendorCode: errorCode };
    if (known) return new VendorError(this.vendor, known.code, known.message, options);
    return VendorError.badResponse(this.vendor, 'answered success: false with an unknown error code', options);
  }
}
