import { startApp } from './app/app.ts';
import { configureProcess, type SimulatedVendors } from './app/simulated-vendors.ts';
import type { Config } from './config/config.ts';
import { ConfigError } from './config/variables.ts';
import { stdoutLogOutput } from './log-output.ts';
import { createLogger } from './logger.ts';
import { shutDown } from './shutdown.ts';

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
  const logOutput = stdoutLogOutput();
  const logger = createLogger(config.logLevel, logOutput);
  const app = await startApp(config, { logger, logOutput, simulated }).catch((error: unknown) => {
    const reason =
      error instanceof Error && 'code' in error ? `${String(error.code)}: ${error.message}` : String(error);
    process.stderr.write(`Could not start: ${reason}\n`);
    process.exit(1);
  });
  logger.info({ url: `${app.url}/graphql` }, 'device-intelligence subgraph ready');

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    const { delayMs, graceMs } = config.shutdown;
    void shutDown({ signal, drainBudgetMs: delayMs + graceMs, close: () => app.close(), logger, logOutput });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  // Only with a policy file: otherwise SIGHUP keeps its default (ending the process, as a closed
  // terminal expects).
  if (config.riskPolicyFile) process.on('SIGHUP', () => void app.reloadRiskPolicy());
}

await main();
