import { z } from 'zod';
import type { VendorReport } from '../../../src/model/report.ts';
import type { Vendor } from '../../../src/model/vendor.ts';
import { riskLabel } from '../../../src/risk/taxonomy.ts';
import type { Signals } from '../../../src/signals/signals.ts';
import type { Feedback } from '../../../src/vendors/connector.ts';
import type { ConnectorSetup } from '../../../src/vendors/descriptor.ts';
import { parseJsonBody } from '../../../src/vendors/http.ts';
import { HttpConnector } from '../../../src/vendors/http-connector.ts';
import { int, obj, parseBody, root } from '../../../src/vendors/tolerant.ts';

/**
 * A vendor registered at run time is outside the compile-time `Vendor` union, which is derived
 * from the shipped registry: this one cast is what a real vendor avoids by being listed there.
 */
export const ACME = 'ACME' as Vendor;

export interface AcmeView {
  score: number | null;
  raw: unknown;
}

export interface AcmeOptions extends ConnectorSetup {
  apiUrl: string;
  apiKey: string;
}

const verdictSchema = root({ verdict: obj({ score: int, checks: obj({ automation: z.boolean().optional() }) }) });

/**
 * Acme Risk: `GET /v1/verdict?token=` with `X-Acme-Key`; 404 is "no such session". It takes
 * outcomes back at `POST /v1/feedback`, so `reportOutcome` reaches it too.
 */
export class AcmeClient extends HttpConnector<Vendor, AcmeOptions, string, AcmeView> {
  constructor(options: AcmeOptions) {
    super(ACME, options);
  }

  lookup(signals: Signals): string | undefined {
    return signals['acmeToken'];
  }

  key(token: string): string {
    return token;
  }

  ttlMs(_token: string, report: VendorReport<AcmeView> | null): number {
    return report ? this.options.cacheTtlMs : 0;
  }

  async sendFeedback(signals: Signals, feedback: Feedback, signal: AbortSignal): Promise<void> {
    const response = await this.http.request({
      method: 'POST',
      path: '/v1/feedback',
      headers: { 'x-acme-key': this.options.apiKey },
      json: { token: signals['acmeToken'], fraud: feedback.outcome === 'FRAUD' },
      signal,
    });
    if (response.status !== 204) throw this.statusError(response);
  }

  async fetch(token: string, signal: AbortSignal): Promise<VendorReport<AcmeView> | null> {
    const response = await this.http.request({
      method: 'GET',
      path: '/v1/verdict',
      query: { token },
      headers: { 'x-acme-key': this.options.apiKey },
      signal,
    });
    if (response.status === 404) return null;
    if (response.status !== 200) throw this.statusError(response);
    const body = parseBody(this.vendor, verdictSchema, parseJsonBody(this.vendor, response), 'a verdict');
    // The mapper's deliberate bug for the tests: a verdict without `checks` throws a TypeError.
    const checks = body.verdict?.checks as { automation?: boolean };
    const automated = checks.automation === true;
    const score = body.verdict?.score ?? null;
    return {
      action: {},
      labels: automated ? [riskLabel(ACME, { code: 'AUTOMATION', vendorCode: 'checks.automation' })] : [],
      view: { score, raw: body },
      drift: [],
    };
  }
}
