import type { BaseContext } from '@apollo/server';
import type { RequestHooks } from '../graphql/request-hooks.ts';
import type { Logger } from '../logger.ts';
import type { VendorObserver } from '../sources/observer.ts';
import type { PolicyEvents } from '../vendors/resilience/policy.ts';
import type { WebhookObserver } from '../webhooks/endpoint.ts';
import { requestScopeHooks } from './graphql-plugin.ts';
import { Metrics } from './metrics.ts';
import { createRequestObserver, type RequestObserver } from './request-observer.ts';
import { createPolicyEvents, createVendorObserver } from './vendor-observer.ts';
import { createWebhookObserver } from './webhook-observer.ts';

export { METRIC_PREFIX, Metrics } from './metrics.ts';
export { METRICS_PATH, type MetricsServer, metricsHandler, startMetricsServer } from './metrics-endpoint.ts';
export type { RequestObserver } from './request-observer.ts';

/**
 * Metrics, traces and request logs of one app instance, as the hooks the app plugs into its
 * layers: the HTTP server (`observeRequest`), Apollo (`graphqlHooks`), `VendorService`
 * (`vendorObserver`), each `VendorPolicy` (`policyEvents`) and the webhook endpoints
 * (`webhookObserver`).
 */
export interface Observability<Context extends BaseContext> {
  metrics: Metrics;
  observeRequest: RequestObserver;
  graphqlHooks: RequestHooks<Context>;
  vendorObserver: VendorObserver;
  policyEvents: PolicyEvents;
  webhookObserver: WebhookObserver;
}

export function createObservability<Context extends BaseContext>(options: {
  logger: Logger;
  graphqlPaths: ReadonlySet<string>;
}): Observability<Context> {
  const metrics = new Metrics();
  return {
    metrics,
    observeRequest: createRequestObserver({ metrics, logger: options.logger, graphqlPaths: options.graphqlPaths }),
    graphqlHooks: requestScopeHooks<Context>(),
    vendorObserver: createVendorObserver(metrics, options.logger),
    policyEvents: createPolicyEvents(metrics, options.logger),
    webhookObserver: createWebhookObserver(metrics, options.logger),
  };
}
