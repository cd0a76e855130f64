import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import type { Config } from '../config/config.ts';
import type { RequestContext } from '../graphql/context.ts';
import { createErrorFormatter } from '../graphql/errors/format-error.ts';
import { VendorErrorCollector, vendorErrorsHooks } from '../graphql/errors/vendor-errors.ts';
import { CacheHints, cachePolicyHooks } from '../graphql/execution/cache-hints.ts';
import { applyPiiMode } from '../graphql/execution/pii-fields.ts';
import { createResolvers } from '../graphql/execution/resolvers/index.ts';
import { checkpointInputHooks } from '../graphql/guards/checkpoint-input.ts';
import { entityInputHooks } from '../graphql/guards/entity-input.ts';
import { apolloSecurityOptions, securityWarnings } from '../graphql/guards/security.ts';
import { requestHooksPlugin } from '../graphql/request-hooks.ts';
import { buildSchema } from '../graphql/schema.ts';
import { HttpDrain } from '../http/drain.ts';
import { createRequestGuard } from '../http/guard.ts';
import { createHttpServer, GRAPHQL_PATHS } from '../http/server.ts';
import { type LogOutputStats, stdoutLogOutput } from '../log-output.ts';
import { createLogger, type Logger } from '../logger.ts';
import {
  createObservability,
  METRICS_PATH,
  type MetricsServer,
  metricsHandler,
  startMetricsServer,
} from '../observability/index.ts';
import { eventIdKey as deriveEventIdKey } from '../signals/event-id.ts';
import { MemoryResultCache, type ResultCache } from '../sources/cache.ts';
import { RequestSources } from '../sources/request-sources.ts';
import { VendorService } from '../sources/vendor-service.ts';
import { webhookRoutes } from '../webhooks/endpoint.ts';
import { WebhookInbox } from '../webhooks/inbox.ts';
import { breakerStates, createReadiness } from './readiness.ts';
import { fixedRiskPolicies, watchRiskPolicyFile } from './risk-policies.ts';
import type { SimulatedVendors } from './simulated-vendors.ts';
import { createVendors } from './vendors.ts';

export interface AppOptions {
  /** By default, a logger on stdout. */
  logger?: Logger;
  /** What `/metrics` reports about where `logger` writes (drops, backlog); stdout's when `logger` is not given. */
  logOutput?: LogOutputStats;
  /**
   * Vendors the development simulator serves (their variables in `config` already point at it).
   * The app reports them as simulated, and stops them when it stops.
   */
  simulated?: SimulatedVendors;
}

export interface App {
  /** Base URL of the HTTP server, e.g. `http://127.0.0.1:4001`. */
  url: string;
  /** Where `/metrics` is served when `METRICS_PORT` is set (otherwise on `url`). */
  metricsUrl: string | undefined;
  /** Reads `RISK_POLICY_FILE` again (main.ts calls it on SIGHUP); an invalid file is logged and ignored. */
  reloadRiskPolicy(): Promise<void>;
  /** Graceful shutdown: drains HTTP requests (see `HttpDrain`), then closes vendors and simulated vendors. */
  close(): Promise<void>;
}

/**
 * The shared cache, loaded only when `REDIS_URL` asks for it: the Redis client is one of the
 * largest modules we depend on (some 4 MB of heap once loaded), and a single replica never uses it.
 */
async function redisCache(url: string, commandTimeoutMs: number, logger: Logger): Promise<ResultCache> {
  const { RedisResultCache } = await import('../sources/redis-cache.ts');
  return new RedisResultCache({ url, commandTimeoutMs, logger });
}

/** Starts the subgraph: vendors, cache, Apollo Server and the HTTP server. */
export async function startApp(config: Config, options: AppOptions = {}): Promise<App> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const logOutput = options.logger ? options.logOutput : stdoutLogOutput();
  const { simulated } = options;
  const observability = createObservability<RequestContext>({ logger, graphqlPaths: GRAPHQL_PATHS });
  const vendors = createVendors(config, simulated?.vendors ?? new Set(), observability.policyEvents);
  observability.metrics.watchBreakers(() => breakerStates(vendors.policies));
  if (logOutput) observability.metrics.watchLogOutput(logOutput);
  for (const [vendor, mode] of vendors.modes) {
    if (mode === 'simulated')
      logger.info({ vendor, simulator: simulated?.baseUrl(vendor) }, 'vendor served by the development simulator');
    if (mode === 'not-configured')
      logger.warn({ vendor }, 'vendor has no credentials: its fields will report NOT_CONFIGURED');
  }

  for (const warning of securityWarnings(config.security, config.nodeEnv)) logger.warn(warning);

  const cache: ResultCache = config.cache.redisUrl
    ? await redisCache(config.cache.redisUrl, config.cache.redisCommandTimeoutMs, logger)
    : new MemoryResultCache({ maxEntries: config.cache.maxEntries, maxBytes: config.cache.maxBytes });
  const service = new VendorService({ cache, policies: vendors.policies, observer: observability.vendorObserver });
  const {
    plugins: securityPlugins,
    hooks: securityHooks,
    ...securityOptions
  } = apolloSecurityOptions<RequestContext>(config.security);
  const schema = buildSchema(
    createResolvers({ maxEventsPerQuery: config.maxEventsPerQuery }, config.registry),
    config.registry,
  );
  const apollo = new ApolloServer<RequestContext>({
    schema: applyPiiMode(schema, config.security.piiMode, config.registry),
    logger,
    ...securityOptions,
    // main.ts owns SIGTERM/SIGINT (drain, then stop). Apollo's own handler would call stop() concurrently,
    // and a second concurrent stop() never resolves in @apollo/server 5 (its barrier is only released on error).
    stopOnTerminationSignals: false,
    formatError: createErrorFormatter(logger, {
      schemaSuggestions: config.security.schemaSuggestions,
      limits: config.security.limits,
    }),
    plugins: [
      // Ours, as one plugin (see request-hooks.ts), in order: the guards refuse what they must
      // before execution; after it, the vendor errors join the response before the request scope
      // reads how it ended.
      requestHooksPlugin<RequestContext>([
        entityInputHooks(config.maxEntityRepresentations),
        checkpointInputHooks(),
        ...securityHooks,
        vendorErrorsHooks(),
        // After the vendor errors: a partial result is answered `Cache-Control: no-store`.
        cachePolicyHooks(),
        observability.graphqlHooks,
      ]),
      // Ours replaces Apollo's (cache-policy.ts says why), which would otherwise be installed by default.
      ApolloServerPluginCacheControlDisabled(),
      ...securityPlugins,
    ],
  });
  await apollo.start();
  const metricsServer: MetricsServer | undefined =
    config.metricsPort === undefined
      ? undefined
      : await startMetricsServer(observability.metrics, config.host, config.metricsPort);
  const drain = new HttpDrain();
  const riskPolicies = config.riskPolicyFile
    ? watchRiskPolicyFile({
        path: config.riskPolicyFile,
        base: config.riskPolicy,
        registry: config.registry,
        initial: config.checkpoints,
        logger,
      })
    : fixedRiskPolicies(config.checkpoints);
  const eventIdKey = config.eventIdSecret ? deriveEventIdKey(config.eventIdSecret) : undefined;
  const webhooks = webhookRoutes({
    registry: config.registry,
    connectors: vendors.connectors,
    inbox: new WebhookInbox({ service, cache, signals: config.registry.signals }),
    observer: observability.webhookObserver,
  });
  for (const path of webhooks.paths) logger.info({ path }, 'receiving signed webhooks');

  const server = createHttpServer<RequestContext>({
    apollo,
    logger,
    maxBodyBytes: config.security.maxBodyBytes,
    guard: createRequestGuard({
      routerSecrets: config.security.routerSecrets,
      routerSecretHeader: config.security.routerSecretHeader,
      corsOrigins: config.security.corsOrigins,
    }),
    requestDeadlineMs: config.requestDeadlineMs,
    context: async (_request, { signal, deadlineAt }) => {
      return {
        vendors: config.registry,
        sources: new RequestSources(service, vendors.connectors, config.registry, { signal, deadlineAt }),
        vendorErrors: new VendorErrorCollector(config.registry),
        cacheHints: new CacheHints(),
        checkpoints: riskPolicies.current,
        feedbackEnabled: config.feedbackEnabled,
        eventIdKey,
        signal,
      };
    },
    readiness: createReadiness({ cache, vendors, draining: () => drain.draining }),
    routes: new Map(metricsServer ? [] : [[METRICS_PATH, metricsHandler(observability.metrics)]]),
    selfAuthenticated: webhooks.route,
    observe: (request, response, handle) =>
      drain.track(response, () => observability.observeRequest(request, response, handle)),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}`,
    metricsUrl: metricsServer?.url,
    reloadRiskPolicy: () => riskPolicies.reload(),
    async close() {
      riskPolicies.close();
      logger.info(
        { inFlight: drain.inFlight, ...config.shutdown },
        'draining: readiness fails, in-flight requests finish',
      );
      const drained = await drain.close(server, {
        ...config.shutdown,
        onStopAccepting: (inFlight) => logger.info({ inFlight }, 'stopped accepting connections'),
      });
      if (drained.abandoned > 0) logger.warn(drained, 'grace period over: unfinished requests were cut off');
      await apollo.stop();
      await vendors.close();
      await cache.close();
      await metricsServer?.close();
      await simulated?.close();
      logger.info(drained, 'stopped');
    },
  };
}
