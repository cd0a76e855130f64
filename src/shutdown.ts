import { Worker } from 'node:worker_threads';
import type { LogOutput } from './log-output.ts';
import type { Logger } from './logger.ts';

/** After the drain budget: the event loop's last-resort exit (code 1), for a close that hangs. */
export const LAST_RESORT_MARGIN_MS = 2_000;
/** After that: a watchdog thread kills the process (SIGKILL), for an event loop that is stuck itself. */
export const WATCHDOG_MARGIN_MS = 1_000;
/** How long the last log lines may wait for a slow reader before the process exits without them. */
export const FINAL_FLUSH_MS = 500;

export interface ShutdownOptions {
  signal: NodeJS.Signals;
  /** `SHUTDOWN_DELAY_MS + SHUTDOWN_GRACE_MS`: how long `close` may take. */
  drainBudgetMs: number;
  /** The drain and the release of everything else (the app's `close`). */
  close(): Promise<void>;
  logger: Logger;
  logOutput: LogOutput;
}

/**
 * Ends the process after a termination signal: `close`, a bounded wait for the last log lines,
 * then exit 0 (1 when `close` failed). Whatever happens meanwhile, the process is gone within
 * `drainBudgetMs + LAST_RESORT_MARGIN_MS`, or `+ WATCHDOG_MARGIN_MS` more when its event loop is
 * blocked (a synchronous write to a terminal that stopped, a hung `exit` listener, a busy loop).
 * No log call here can keep it alive: each may throw, and none is awaited.
 */
export async function shutDown(options: ShutdownOptions): Promise<never> {
  const { logger } = options;
  const exitAt = options.drainBudgetMs + LAST_RESORT_MARGIN_MS;
  startWatchdog(exitAt + WATCHDOG_MARGIN_MS);
  // Not unref'd: should `close` wait on nothing at all, the process must still not end with code 0.
  setTimeout(() => {
    tryToLog(() => logger.error({ budgetMs: exitAt }, 'shutdown took too long; exiting'));
    process.exit(1);
  }, exitAt);

  tryToLog(() => logger.info({ signal: options.signal }, 'shutting down'));
  let code = 0;
  try {
    await options.close();
  } catch (error) {
    tryToLog(() => logger.error({ err: error }, 'shutdown failed'));
    code = 1;
  }
  await options.logOutput.flush(FINAL_FLUSH_MS);
  process.exit(code);
}

/** Logging is best effort on the way out: a failing log call must not stop the process from ending. */
function tryToLog(log: () => void): void {
  try {
    log();
  } catch {
    // Nowhere left to report it: the log is what failed.
  }
}

// A thread of its own keeps time even when the main thread never returns to its event loop.
const WATCHDOG_SOURCE = `
const { workerData } = require('node:worker_threads');
setTimeout(() => process.kill(workerData.pid, 'SIGKILL'), workerData.afterMs);
`;

/** `unref`: the watchdog never keeps the process alive; an ordinary exit ends it with the rest. */
function startWatchdog(afterMs: number): void {
  try {
    const watchdog = new Worker(WATCHDOG_SOURCE, {
      eval: true,
      execArgv: [], // none of the process's flags (--cpu-prof would profile the watchdog too)
      workerData: { pid: process.pid, afterMs },
    });
    watchdog.on('error', () => undefined).unref();
  } catch {
    // No thread to be had (out of memory, a process limit): the event-loop exit above still stands.
  }
}
