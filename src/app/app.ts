import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import type { Config } from '../config.ts';
import type { RequestContext } from '../graphql/context.ts';
import { guardEntityRepresentations } from '../graphql/entity-representations.ts';
import { createErrorFormatter } from '../graphql/format-error.ts';
import { applyPiiMode } from '../graphql/pii-fields.ts';
import { createResolvers } from '../graphql/resolvers/index.ts';
import { buildSchema } from '../graphql/schema.ts';
import { apolloSecurityOptions, securityWarnings } from '../graphql/security.ts';
import { VendorErrorCollector, vendorErrorsPlugin } from '../graphql/vendor-errors.ts';
import { createRequestGuard } from '../http/guard.ts';
import { createHttpServer } from '../http/server.ts';
import { type Logger, createLogger } from '../logger.ts';
import { DEFAULT_RISK_POLICY } from '../risk/policy.ts';
import { type Simulator, startSimulator } from '../simulator/index.ts';
import { createMemoryCache } from '../sources/cache.ts';
import { RequestSources } from '../sources/request-sources.ts';
import { VendorService } from '../sources/vendor-service.ts';
import { createVendors } from './vendors.ts';

export interface AppOptions {
  logger?: Logger;
  /** Use this simulator instead of starting an embedded one (tests share one to read its counters). */
  simulator?: Simulator;
}

export interface App {
  /** Base URL of the HTTP server, e.g. `http://127.0.0.1:4001`. */
  url: string;
  /** The embedded simulator, when some vendor is simulated. */
  simulator: Simulator | undefined;
  close(): Promise<void>;
}

/** Starts the subgraph: vendors, cache, Apollo Server and the HTTP server. */
export async function startApp(config: Config, options: AppOptions = {}): Promise<App> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const needsSimulator = config.simulator.mode !== 'off';
  const ownSimulator =
    needsSimulator && !options.simulator ? await startSimulator({ latencyMs: config.simulator.latencyMs }) : undefined;
  const simulator = options.simulator ?? ownSimulator;
  const vendors = createVendors(config, simulator);
  for (const [vendor, mode] of Object.entries(vendors.modes)) {
    if (mode === 'simulated')
      logger.info(
        { vendor, simulator: simulator?.baseUrl(vendor as never) },
        'vendor has no credentials: using the embedded simulator',
      );
    if (mode === 'not-configured')
      logger.warn({ vendor }, 'vendor has no credentials: its fields will report NOT_CONFIGURED');
  }

  for (const warning of securityWarnings(config.security, config.nodeEnv)) logger.warn(warning);

  const service = new VendorService({
    cache: createMemoryCache({ maxEntries: 50_000, maxBytes: 128 * 1024 * 1024 }),
    policies: vendors.policies,
  });
  const { plugins: securityPlugins, ...securityOptions } = apolloSecurityOptions<RequestContext>(config.security);
  const schema = buildSchema(createResolvers({ maxEventsPerQuery: config.maxEventsPerQuery }));
  const apollo = new ApolloServer<RequestContext>({
    schema: applyPiiMode(guardEntityRepresentations(schema), config.security.piiMode),
    logger,
    ...securityOptions,
    formatError: createErrorFormatter(logger, {
      schemaSuggestions: config.security.schemaSuggestions,
      limits: config.security.limits,
    }),
    plugins: [vendorErrorsPlugin(), ...securityPlugins],
  });
  await apollo.start();

  const server = createHttpServer<RequestContext>({
    apollo,
    logger,
    maxBodyBytes: config.security.maxBodyBytes,
    guard: createRequestGuard({
      routerSecrets: config.security.routerSecrets,
      routerSecretHeader: config.security.routerSecretHeader,
      corsOrigins: config.security.corsOrigins,
    }),
    context: async (_request, disconnected) => {
      const deadlineAt = Date.now() + config.requestDeadlineMs;
      const signal = AbortSignal.any([disconnected, AbortSignal.timeout(config.requestDeadlineMs)]);
      return {
        sources: new RequestSources(service, vendors.connectors, vendors.fingerprint, { signal, deadlineAt }),
        vendorErrors: new VendorErrorCollector(),
        riskPolicy: DEFAULT_RISK_POLICY,
        signal,
      };
    },
    readiness: async () => ({ ready: true, body: { status: 'ready', vendors: vendors.modes } }),
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
    simulator,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await apollo.stop();
      await vendors.close();
      await ownSimulator?.close();
    },
  };
}
