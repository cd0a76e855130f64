import { setTimeout as sleep } from 'node:timers/promises';
import { isDeepStrictEqual } from 'node:util';
import { MAX_BUFFERED_BYTES } from '../../src/log-output.ts';
import { Checks, eventProblem, parseAnswer, withoutTimings } from '../checks.ts';
import { LOGIN_CHECK, postQuery, requestBody, signalsFor } from '../graphql.ts';
import { runLoad } from '../load.ts';
import { shownEnv, startSubgraph } from '../subgraph.ts';
import { HOT_TOKEN } from './hot-path.ts';
import { describe, loadChecks, metrics, summarize, withCpu } from './summary.ts';
import type { BenchContext, RoundMetrics, ScenarioResult } from './types.ts';

/**
 * B6, logging to a stalled reader: B2's query with one log line per request (`LOG_LEVEL=info`),
 * rounds alternating between a log reader that keeps up (B6r: this process reads the subgraph's
 * stdout) and one that has stopped (B6s: it stops reading, as a log shipper that hangs). The
 * difference is what a stalled reader costs the service: the process must not block, and its log
 * backlog must stay within `MAX_BUFFERED_BYTES` (lines beyond are dropped and counted).
 */

/** B2's token: the same answer as B2 (3.3 kB, 17 labels), so B6r differs from B2 only in how it is run. */
const TOKEN = HOT_TOKEN;
const TUNING = { LOG_LEVEL: 'info' };

interface LogStats {
  dropped: number;
  buffered: number;
}

async function logStats(url: string): Promise<LogStats> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const value = (name: string) => {
    const line = text.split('\n').find((each) => each.startsWith(`${name} `));
    return line ? Number(line.slice(name.length + 1)) : Number.NaN;
  };
  return { dropped: value('device_intel_log_lines_dropped_total'), buffered: value('device_intel_log_buffered_bytes') };
}

export async function logStall(context: BenchContext): Promise<ScenarioResult[]> {
  const { options } = context;
  await context.simulator.call('setLatency', { ms: 0 });
  const subgraph = await startSubgraph(context, 'B6', TUNING);
  try {
    const url = subgraph.info.url;
    const body = requestBody(LOGIN_CHECK, { signals: signalsFor(TOKEN) });
    const reading = new Checks();
    const stalled = new Checks();
    await postQuery(url, body); // fills the cache
    const warm = await postQuery(url, body);
    const warmAnswer = parseAnswer(warm.status, warm.text);
    if (typeof warmAnswer === 'string') throw new Error(`B6 warm query failed: ${warmAnswer}`);
    const warmProblem = eventProblem(warmAnswer.data?.['event'], TOKEN, true);
    reading.add('B6 warm query: all five from the cache', warmProblem === undefined, warmProblem ?? '');
    const expected = withoutTimings(warmAnswer.data);
    const check = (status: number, text: string): string | undefined => {
      const answer = parseAnswer(status, text);
      if (typeof answer === 'string') return answer;
      return isDeepStrictEqual(withoutTimings(answer.data), expected)
        ? undefined
        : 'B6 data differs from the warm answer';
    };

    if (!options.quick) {
      context.log(`  warm-up ${options.warmupS} s`);
      await runLoad({ url, connections: options.connections, durationS: options.warmupS, body });
    }
    const variants = [
      { id: 'B6r', stalled: false, rounds: [] as RoundMetrics[], checks: reading },
      { id: 'B6s', stalled: true, rounds: [] as RoundMetrics[], checks: stalled },
    ];
    const dropped: number[] = [];
    let mostBuffered = 0;
    for (let round = 1; round <= options.rounds; round += 1) {
      for (const variant of variants) {
        const before = await logStats(url);
        if (variant.stalled) subgraph.pauseOutput();
        const { value: result, ...cpu } = await withCpu(
          context,
          () => subgraph.call('usage'),
          () =>
            runLoad({
              url,
              connections: options.connections,
              ...(options.quick ? { amount: 200 } : { durationS: options.durationS }),
              body,
              ...(options.quick ? { check } : {}),
            }),
        );
        const after = await logStats(url);
        const label = `${variant.id} round ${round}`;
        loadChecks(variant.checks, label, result);
        variant.checks.add(
          `${label}: log backlog within ${MAX_BUFFERED_BYTES} bytes`,
          after.buffered <= MAX_BUFFERED_BYTES,
          `${after.buffered} bytes waiting, ${after.dropped - before.dropped} lines dropped`,
        );
        if (variant.stalled) {
          dropped.push(after.dropped - before.dropped);
          mostBuffered = Math.max(mostBuffered, after.buffered);
          subgraph.resumeOutput();
          variant.checks.add(`${label}: the reader catches up afterwards`, await caughtUp(url), '');
        }
        variant.rounds.push(metrics(result, null, { ...cpu, simulatorCpuMs: null }));
        context.log(`  ${label}: ${describe(result)}; ${after.dropped - before.dropped} log lines dropped`);
      }
    }
    const memory = await subgraph.call('usage');
    const env = shownEnv(context, TUNING);
    const setup = `${options.connections} connections, B2's query, one log line per request`;
    const extra = { maxBufferedBytes: mostBuffered, droppedLinesPerRound: dropped.length ? Math.max(...dropped) : 0 };
    return [
      summarize(
        { id: 'B6r', title: 'as B2, logging at info, reader keeps up', role: 'logging cost (diagnostic)', setup, env },
        variants[0]!.rounds,
        memory,
        reading.list,
      ),
      summarize(
        { id: 'B6s', title: 'as B6r, log reader stalled', role: 'stalled log reader (diagnostic)', setup, env },
        variants[1]!.rounds,
        memory,
        stalled.list,
        extra,
      ),
    ];
  } finally {
    await subgraph.stop();
  }
}

/** Waits (at most 10 s) until the subgraph's log backlog is empty again. */
async function caughtUp(url: string): Promise<boolean> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if ((await logStats(url)).buffered === 0) return true;
    await sleep(100);
  }
  return false;
}
