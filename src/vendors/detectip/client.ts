import type { Signals } from '../../signals/signals.ts';
import type { ConnectorSetup } from '../descriptor.ts';
import { parseJsonBody } from '../http.ts';
import { HttpConnector } from '../http-connector.ts';
import { DriftLog, parseBody } from '../tolerant.ts';
import { buildDetectIpReport, type DetectIpReport } from './map.ts';
import { verdictSchema, verdictShape } from './schema.ts';
import type { DetectIpView } from './view.ts';

/** Verdicts evolve as the session gathers signals: keep `cacheTtlMs` short (the default is 30 s). */
export interface DetectIpOptions extends ConnectorSetup {
  /** Secret key (`sk_live_…`), sent as `X-API-Key`. */
  apiKey: string;
  /** `https://detectip.ai`. */
  apiUrl: string;
}

export interface DetectIpLookup {
  token: string;
}

/**
 * detectip.ai verdict API: `GET /api/v1/verdict?token=` with `X-API-Key` (docs/vendors/detectip.md). A read.
 * 404 means the collector has not reported the session (yet): `null`, not cached.
 */
export class DetectIpClient extends HttpConnector<'DETECTIP', DetectIpOptions, DetectIpLookup, DetectIpView> {
  constructor(options: DetectIpOptions) {
    super('DETECTIP', options);
  }

  lookup(signals: Signals): DetectIpLookup | undefined {
    return signals.detectIpToken ? { token: signals.detectIpToken } : undefined;
  }

  key(lookup: DetectIpLookup): string {
    return lookup.token;
  }

  ttlMs(_lookup: DetectIpLookup, report: DetectIpReport | null): number {
    return report ? this.options.cacheTtlMs : 0;
  }

  async fetch(lookup: DetectIpLookup, signal: AbortSignal): Promise<DetectIpReport | null> {
    const response = await this.http.request({
      method: 'GET',
      path: '/api/v1/verdict',
      query: { token: lookup.token },
      headers: { 'x-api-key': this.options.apiKey },
      signal,
    });
    if (response.status === 404) return null;
    // 401 auth, 402 monthly quota, 429 rate limit (with Retry-After when sent): statusError's meanings.
    if (response.status !== 200) throw this.statusError(response);
    const verdict = parseBody(this.vendor, verdictSchema, parseJsonBody(this.vendor, response), 'a verdict');
    const drift = new DriftLog();
    drift.unknownFields('', verdict, verdictShape);
    return buildDetectIpReport(verdict, drift);
  }
}
