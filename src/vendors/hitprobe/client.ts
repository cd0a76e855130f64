import type { Signals } from '../../signals/signals.ts';
import type { ConnectorSetup } from '../descriptor.ts';
import { VendorError } from '../errors.ts';
import { type HttpResponse, parseJsonBody, retryAfterMs } from '../http.ts';
import { HttpConnector } from '../http-connector.ts';
import { DriftLog, parseBody } from '../tolerant.ts';
import { buildHitprobeReport, type HitprobeReport } from './map.ts';
import { deviceShape, eventSchema, eventShape } from './schema.ts';
import type { HitprobeView } from './view.ts';

/**
 * `cacheTtlMs` keeps a result, found or not, for the probe's whole life: every POST records an event
 * at Hitprobe, so a probe is never fetched twice.
 */
export interface HitprobeOptions extends ConnectorSetup {
  /** Site secret key, sent as `Authorization: Bearer`. */
  secretKey: string;
  /** `https://app.hitprobe.com` (`/api/v1/event` is appended). */
  apiUrl: string;
}

export interface HitprobeLookup {
  probeId: string;
  /** The end user's IP as our backend saw it; Hitprobe compares it with the agent's (`probe_ip_match`). */
  ip?: string | undefined;
}

/**
 * Hitprobe event API: `POST /api/v1/event` with `{probe_id, ip?}` (docs/vendors/hitprobe.md). **Not
 * idempotent**: each call records an event, flips `probe_unique` to false for the next one and
 * inflates the device counters. So the key is the probe id alone: the first IP sent for a probe
 * wins, and a later request with another IP is served the cached result rather than recording a
 * second event.
 */
export class HitprobeClient extends HttpConnector<'HITPROBE', HitprobeOptions, HitprobeLookup, HitprobeView> {
  constructor(options: HitprobeOptions) {
    super('HITPROBE', options, { idempotent: false });
  }

  lookup(signals: Signals): HitprobeLookup | undefined {
    if (!signals.hitprobeProbeId) return undefined;
    return signals.ip ? { probeId: signals.hitprobeProbeId, ip: signals.ip } : { probeId: signals.hitprobeProbeId };
  }

  key(lookup: HitprobeLookup): string {
    return lookup.probeId;
  }

  ttlMs(_lookup: HitprobeLookup, _report: HitprobeReport | null): number {
    // A miss is cached too: asking again would record another event for the same probe.
    return this.options.cacheTtlMs;
  }

  async fetch(lookup: HitprobeLookup, signal: AbortSignal): Promise<HitprobeReport | null> {
    const response = await this.http.request({
      method: 'POST',
      path: '/api/v1/event',
      headers: { authorization: `Bearer ${this.options.secretKey}` },
      json: lookup.ip ? { probe_id: lookup.probeId, ip: lookup.ip } : { probe_id: lookup.probeId },
      signal,
    });
    if (response.status !== 200) throw this.#error(response);
    const event = parseBody(this.vendor, eventSchema, parseJsonBody(this.vendor, response), 'an event result');
    const device = event.device;
    if (!device)
      throw VendorError.badResponse(this.vendor, 'answered without a device object', {
        httpStatus: 200,
      });
    if (device.success === false) {
      throw VendorError.unavailable(this.vendor, 'device lookup unsuccessful', { httpStatus: 200 });
    }
    // Not found, or generated on another site than the key's.
    if (device.valid === false) return null;
    // Hitprobe sends the device's properties only when `success` and `valid` are both true, so
    // they vouch for a missing flag; without flags or properties the answer says nothing at all.
    const found = device.success === true && device.valid === true;
    const properties = Object.entries(device).some(
      ([key, value]) => key !== 'success' && key !== 'valid' && value !== undefined && value !== null,
    );
    if (!found && !properties) {
      throw VendorError.badResponse(this.vendor, 'answered a device that is neither found nor not found', {
        httpStatus: 200,
      });
    }
    const drift = new DriftLog();
    drift.unknownFields('', event, eventShape);
    drift.unknownFields('device', device, deviceShape);
    return buildHitprobeReport(event, drift);
  }

  /** Hitprobe's status table (docs/vendors/hitprobe.md); its `{message}` bodies are "for debugging only" and ignored. */
  #error(response: HttpResponse): VendorError {
    if (response.status === 403) {
      return new VendorError(this.vendor, 'VENDOR_QUOTA_EXCEEDED', 'plan limit reached (HTTP 403)', {
        retryAfterMs: retryAfterMs(response),
        httpStatus: 403,
      });
    }
    return this.statusError(response);
  }
}
