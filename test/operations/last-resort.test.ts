import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { LAST_RESORT_MARGIN_MS, WATCHDOG_MARGIN_MS } from '../../src/shutdown.ts';

const CHILD = fileURLToPath(new URL('../support/stuck-shutdown.ts', import.meta.url));
const BUDGET_MS = 200;
const SLACK_MS = 2000; // process start-up and a busy machine

/** Runs a shutdown that goes wrong (see stuck-shutdown.ts); resolves with how it ended and how long after it began. */
async function runStuck(mode: string, children: ChildProcess[]) {
  const child = spawn(process.execPath, [CHILD, mode, String(BUDGET_MS)], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  await once(child.stdout!, 'data'); // "armed": the shutdown has begun
  const started = performance.now();
  const [code, signal] = await exited;
  return { code, signal, afterMs: performance.now() - started };
}

describe('the last-resort exit', () => {
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const child of children.splice(0))
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });

  it('exits with code 1 after the drain budget when closing hangs, even though every log call throws', async () => {
    const ended = await runStuck('log-throws', children);
    expect(ended).toMatchObject({ code: 1, signal: null });
    expect(ended.afterMs).toBeLessThanOrEqual(BUDGET_MS + LAST_RESORT_MARGIN_MS + SLACK_MS);
  });

  it('kills the process from its watchdog thread when a log call blocks the event loop', async () => {
    const ended = await runStuck('log-blocks', children);
    expect(ended).toMatchObject({ code: null, signal: 'SIGKILL' });
    expect(ended.afterMs).toBeLessThanOrEqual(BUDGET_MS + LAST_RESORT_MARGIN_MS + WATCHDOG_MARGIN_MS + SLACK_MS);
  });
});
