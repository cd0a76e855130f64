import { setTimeout as sleep } from 'node:timers/promises';
import { Checks, eventProblem, parseAnswer } from '../checks.ts';
import { LOGIN_CHECK, postQuery, requestBody, signalsFor } from '../graphql.ts';
import { runLoad } from '../load.ts';
import { slope } from '../stats.ts';
import { startSubgraph } from '../subgraph.ts';
import { HOT_TOKEN } from './hot-path.ts';
import { loadChecks } from './summary.ts';
import type { BenchContext, SoakResult } from './types.ts';

/**
 * The soak: B2's load for minutes on a fresh subgraph, its RSS sampled every few seconds. A leak
 * shows as a steady slope; the first fifth of the run (heap growing to its working size, JIT) is
 * left out of the fit.
 */

const WARM_FRACTION = 0.2;
export async function soak(context: BenchContext): Promise<SoakResult> {
  const { options } = context;
  const durationS = options.soakMinutes * 60;
  const sampleEveryS = Math.max(0.5, Math.min(5, durationS / 60));
  await context.simulator.call('setLatency', { ms: 0 });
  // --expose-gc lets the soak force two full collections (after warm-up, at the end) to read the live heap.
  const subgraph = await startSubgraph(context, 'soak', {}, ['--expose-gc']);
  try {
    const checks = new Checks();
    const body = requestBody(LOGIN_CHECK, { signals: signalsFor(HOT_TOKEN) });
    const warm = await postQuery(subgraph.info.url, body);
    const answer = parseAnswer(warm.status, warm.text);
    checks.add(
      'soak: the warm-up query answers',
      typeof answer !== 'string' && !eventProblem(answer.data?.['event'], HOT_TOKEN),
      typeof answer === 'string' ? answer : '',
    );

    const samples: SoakResult['samples'] = [];
    const started = performance.now();
    const fromS = durationS * WARM_FRACTION;
    const live: { start?: { tS: number; heapUsedMB: number } } = {};
    let loading = true;
    const sampler = (async () => {
      while (loading) {
        const tS = (performance.now() - started) / 1000;
        if (!live.start && tS >= fromS) {
          const collected = await subgraph.call('gc');
          if (collected) live.start = { tS, heapUsedMB: collected.heapUsedMB };
        }
        const usage = await subgraph.call('usage');
        samples.push({ tS: (performance.now() - started) / 1000, ...usage });
        await sleep(sampleEveryS * 1000);
      }
    })();
    const result = await runLoad({
      url: subgraph.info.url,
      connections: options.connections,
      durationS,
      body,
    });
    loading = false;
    await sampler;
    const endS = (performance.now() - started) / 1000;
    const liveEnd = await subgraph.call('gc');
    loadChecks(checks, 'soak', result);

    const fitted = samples.filter((sample) => sample.tS >= fromS);
    const perMinute = (pick: (sample: SoakResult['samples'][number]) => number): number =>
      slope(fitted.map((sample) => ({ x: sample.tS / 60, y: pick(sample) })));
    const liveStart = live.start;
    const liveHeapMB =
      liveStart && liveEnd
        ? {
            start: liveStart.heapUsedMB,
            end: liveEnd.heapUsedMB,
            perMinute: (liveEnd.heapUsedMB - liveStart.heapUsedMB) / ((endS - liveStart.tS) / 60),
          }
        : null;
    const outcome: SoakResult = {
      durationS,
      connections: options.connections,
      rps: result.rps,
      samples,
      fromS,
      rssSlopeMBPerMin: perMinute((sample) => sample.rssMB),
      heapSlopeMBPerMin: perMinute((sample) => sample.heapUsedMB),
      liveHeapMB,
      rssStartMB: samples[0]?.rssMB ?? Number.NaN,
      rssEndMB: samples.at(-1)?.rssMB ?? Number.NaN,
      checks: checks.list,
    };
    checks.add('soak: RSS sampled', samples.length >= 2, `${samples.length} samples`);
    context.log(
      `  soak: ${Math.round(result.rps)} req/s for ${durationS} s, RSS ${outcome.rssStartMB.toFixed(1)} → ${outcome.rssEndMB.toFixed(1)} MB, ` +
        `slope ${outcome.rssSlopeMBPerMin.toFixed(2)} MB/min; live heap ${liveHeapMB ? `${liveHeapMB.start.toFixed(1)} → ${liveHeapMB.end.toFixed(1)} MB` : 'not read'}`,
    );
    return outcome;
  } finally {
    await subgraph.stop();
  }
}
