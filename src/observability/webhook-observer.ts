import type { Logger } from '../logger.ts';
import type { WebhookObserver } from '../webhooks/endpoint.ts';
import type { Metrics } from './metrics.ts';
import { REQUEST_ID_HEADER } from './request-id.ts';

/**
 * Webhook deliveries → the delivery and rejection counters, and one log line each: vendor,
 * outcome, reason, status, size and duration, with the request id. Never the body, its event id or
 * the signature.
 */
export function createWebhookObserver(metrics: Metrics, logger: Logger): WebhookObserver {
  return {
    delivered(record, response) {
      const { vendor, outcome, reason } = record;
      metrics.webhookDeliveries.inc({ vendor, outcome });
      if (reason) metrics.webhookRejections.inc({ vendor, reason });
      const requestId = response.getHeader(REQUEST_ID_HEADER);
      const line = {
        ...(typeof requestId === 'string' ? { requestId } : {}),
        vendor,
        outcome,
        ...(reason ? { reason } : {}),
        status: record.status,
        bytes: record.bytes,
        durationMs: Math.round(record.durationMs * 10) / 10,
      };
      if (outcome === 'rejected') logger.warn(line, 'webhook delivery');
      else logger.info(line, 'webhook delivery');
    },
  };
}
