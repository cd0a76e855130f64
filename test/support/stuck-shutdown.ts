import { LogOutput } from '../../src/log-output.ts';
import { createLogger } from '../../src/logger.ts';
import { shutDown } from '../../src/shutdown.ts';

/**
 * A process whose shutdown goes wrong, run by test/operations/last-resort.test.ts:
 * - `log-throws`: every log call throws, and closing never finishes (nor keeps the event loop busy);
 * - `log-blocks`: the first log call never returns (a synchronous write to a terminal that stopped).
 * `shutDown` itself is the real one; the drain budget (ms) is the second argument.
 */

const [mode = '', budget = '0'] = process.argv.slice(2);
const blocked = new Int32Array(new SharedArrayBuffer(4));
const destination = {
  write(): void {
    if (mode === 'log-throws') throw new Error('the log destination failed');
    Atomics.wait(blocked, 0, 0); // forever: nothing ever notifies it
  },
};
process.stdout.write('armed\n');
void shutDown({
  signal: 'SIGTERM',
  drainBudgetMs: Number(budget),
  close: () => new Promise<void>(() => undefined),
  logger: createLogger('info', destination),
  logOutput: new LogOutput(process.stdout),
});
