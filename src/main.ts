import { startApp } from './app/app.ts';
import { configureProcess, type SimulatedVendors } from './app/simulated-vendors.ts';
import type { Config } from './config/config.ts';
import { ConfigError } from './config/variables.ts';
import { createLogger } from './logger.ts';

/** Process entry: configuration → subgraph → listen; drains and stops cleanly on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  let config: Config;
  let simulated: SimulatedVendors | undefined;
  try {
    ({ config, simulated } = await configureProcess(process.env));
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const app = await startApp(config, { logger, simulated }).catch((error: unknown) => {
    const reason =
      error instanceof Error && 'code' in error ? `${String(error.code)}: ${error.message}` : String(error);
    process.stderr.write(`Could not start: ${reason}\n`);
    process.exit(1);
  });
  logger.info({ url: `${app.url}/graphql` }, 'device-intelligence subgraph ready');

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // Last resort if closing hangs past the drain budget (a stuck pool, a bug): never outlive it by much.
    const budgetMs = config.shutdown.delayMs + config.shutdown.graceMs + 10_000;
    setTimeout(() => {
      logger.error({ budgetMs }, 'shutdown took too long; exiting');
      process.exit(1);
    }, budgetMs).unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

await main();
