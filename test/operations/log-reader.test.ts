import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_BUFFERED_BYTES } from '../../src/log-output.ts';
import { FINAL_FLUSH_MS, LAST_RESORT_MARGIN_MS, WATCHDOG_MARGIN_MS } from '../../src/shutdown.ts';
import { NpmStart, processInfo } from '../support/npm-start.ts';
import { sample } from './support.ts';

/**
 * `npm start` with stdout and stderr on a FIFO whose only reader is this test, which stalls it
 * (a log shipper that hangs) or closes it (a shipper that exits). Whatever the reader does, queries
 * are answered, memory for logs stays bounded, and a termination signal ends npm and the node
 * process it started within the drain budget plus the documented margins.
 */

const DELAY_MS = 1000;
const GRACE_MS = 2000;
/** What the process promises (drain budget + last-resort margins), plus scheduling slack on a busy machine. */
const GONE_WITHIN_MS = DELAY_MS + GRACE_MS + LAST_RESORT_MARGIN_MS + WATCHDOG_MARGIN_MS + 1000;
const CONCURRENCY = 8;

const LOGIN_CHECK = `query LoginCheck($signals: SignalsInput!) {
  event(signals: $signals) { device { id } ip { address } bot { score } risk { action } }
}`;
const SIGNALS = {
  fingerprintEventId: '1708102555327.NLOjmg',
  trustDecisionBlackBox: 'rGPGX1678775227I9NCwcuVJCb',
  friendlyCaptchaToken: 'frc-log-reader-token-0001',
  detectIpToken: 'botd-log-reader-token-0001',
  hitprobeProbeId: 'ctwCYFyAUteNpsBgAw7xYL',
  ip: '203.0.113.77',
};

function startNpm(extra: Record<string, string> = {}): NpmStart {
  return new NpmStart({
    NODE_ENV: 'test', // every vendor on the embedded simulator
    HOST: '127.0.0.1',
    PORT: '0',
    SHUTDOWN_DELAY_MS: String(DELAY_MS),
    SHUTDOWN_GRACE_MS: String(GRACE_MS),
    ...extra,
  });
}

/** `count` login checks, `CONCURRENCY` at a time, each request id `${prefix}-${n}`; throws unless every one is answered. */
async function sendQueries(base: string, count: number, prefix: string): Promise<void> {
  const body = JSON.stringify({ query: LOGIN_CHECK, variables: { signals: SIGNALS } });
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const id = `${prefix}-${next++}`;
      const response = await request(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': id },
        body,
        signal: AbortSignal.timeout(15_000),
      });
      const answer = (await response.body.json()) as { data?: { event?: { device?: { id?: string } } } };
      if (response.statusCode !== 200 || !answer.data?.event?.device?.id?.startsWith('fingerprint:')) {
        throw new Error(`${id}: ${response.statusCode} ${JSON.stringify(answer)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

async function logMetrics(base: string): Promise<{ dropped: number; buffered: number }> {
  const exposition = await (await request(`${base}/metrics`)).body.text();
  return {
    dropped: sample(exposition, 'device_intel_log_lines_dropped_total') ?? Number.NaN,
    buffered: sample(exposition, 'device_intel_log_buffered_bytes') ?? Number.NaN,
  };
}

/** Stops reading, then sends more than the pipe holds, so that log lines wait in the process. */
async function stallWithBacklog(npm: NpmStart, base: string): Promise<void> {
  npm.reader.stall();
  await sendQueries(base, 500, 'fill');
  expect((await logMetrics(base)).buffered).toBeGreaterThan(0);
}

/**
 * Signals the group and lets `meanwhile` run; then npm and the node process it started must both
 * be gone within GONE_WITHIN_MS, and npm (which passes on node's status) must have exited with 0.
 */
async function expectCleanExit(npm: NpmStart, signal: NodeJS.Signals, meanwhile = async () => {}): Promise<void> {
  const node = npm.subgraphProcess();
  expect(node, 'the node process npm started').toBeDefined();
  const signalled = performance.now();
  npm.signal(signal);
  await meanwhile();
  await npm.gone(GONE_WITHIN_MS + 10_000);
  expect(performance.now() - signalled).toBeLessThanOrEqual(GONE_WITHIN_MS);
  for (const pid of [npm.pgid, node?.pid ?? 0]) expect(processInfo(pid)?.state ?? 'gone').toMatch(/^(gone|Z)$/);
  expect(await npm.exited).toEqual({ code: 0, signal: null });
}

describe('a stalled or vanished log reader', () => {
  let npm: NpmStart | undefined;
  afterEach(() => {
    npm?.dispose();
    npm = undefined;
  });

  it('keeps answering while the reader stalls, buffers at most MAX_BUFFERED_BYTES and counts what it drops', async () => {
    npm = startNpm();
    const base = await npm.ready();
    npm.reader.stall();
    // At least 1,000 queries, and on until lines are dropped (their lines are ~600 bytes: ~2,000 fill the buffer).
    let sent = 0;
    let metrics = { dropped: 0, buffered: 0 };
    while (sent < 1000 || (metrics.dropped === 0 && sent < 10_000)) {
      await sendQueries(base, 500, `stall${sent}`);
      sent += 500;
      metrics = await logMetrics(base);
      expect(metrics.buffered).toBeLessThanOrEqual(MAX_BUFFERED_BYTES);
    }
    expect(metrics.dropped).toBeGreaterThan(0);

    // The reader comes back: it gets every line that was not dropped, then one warning with the count.
    npm.reader.resume();
    const warning = await npm.reader.log.waitFor((line) => line.msg?.startsWith('log output caught up') === true);
    expect(warning).toMatchObject({ level: 'warn', droppedLines: metrics.dropped, blockedMs: expect.any(Number) });
    const delivered = npm.reader.log.lines.filter((line) => String(line['requestId']).startsWith('stall')).length;
    expect(delivered + metrics.dropped).toBe(sent);
    expect((await logMetrics(base)).buffered).toBe(0);
    expect(npm.reader.log.lines.filter((line) => line.msg?.startsWith('log output caught up'))).toHaveLength(1);

    await expectCleanExit(npm, 'SIGTERM');
  }, 120_000);

  it('keeps answering after the reader exits, counting the lines it can no longer write', async () => {
    npm = startNpm();
    const base = await npm.ready();
    npm.reader.exit();
    await sendQueries(base, 200, 'orphan');
    const { dropped } = await logMetrics(base);
    // Lines taken before the first write failed (one per request in flight, at most) are lost uncounted.
    expect(dropped).toBeGreaterThanOrEqual(200 - CONCURRENCY);
    expect(dropped).toBeLessThanOrEqual(200);

    await expectCleanExit(npm, 'SIGINT');
  }, 60_000);

  for (const level of ['info', 'debug']) {
    it(`ends within the drain budget on SIGTERM while the reader stalls, then exits (LOG_LEVEL=${level})`, async () => {
      npm = startNpm({ LOG_LEVEL: level });
      await stallWithBacklog(npm, await npm.ready());
      const reader = npm.reader;
      await expectCleanExit(npm, 'SIGTERM', async () => {
        // Past the delay: the drain is over and the process is handing its last lines to the stalled pipe.
        await sleep(DELAY_MS + FINAL_FLUSH_MS / 2);
        reader.exit();
      });
    }, 60_000);
  }

  it('ends within the drain budget on SIGTERM while the reader stalls and never reads again', async () => {
    npm = startNpm();
    await stallWithBacklog(npm, await npm.ready());
    await expectCleanExit(npm, 'SIGTERM');
  }, 60_000);
});
