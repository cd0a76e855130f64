import { VENDOR_REGISTRY, VENDORS } from '../../src/vendors/registry.ts';
import { Checks, eventProblem, parseAnswer } from '../checks.ts';
import { LOGIN_CHECK, requestBody, signalsFor, TokenSource } from '../graphql.ts';
import { runLoad } from '../load.ts';
import { shownEnv, startSubgraph } from '../subgraph.ts';
import { describe, loadChecks, metrics, settle, summarize, withCpu } from './summary.ts';
import type { BenchContext, RoundMetrics, ScenarioResult } from './types.ts';
import { tokenCallCounts } from './vendor-calls.ts';

/**
 * B3, the cold path: B2's query with the result cache off and a fresh token per request (Hitprobe
 * is POSTed at most once per probe id, so a repeated token would be answered from its claim, not
 * from the vendor), every vendor 30 ms away. B3 is the loaded case (50 connections); B3u runs one
 * request at a time, which shows the latency we add with no queueing at all (diagnostic, no target).
 */

export const VENDOR_LATENCY_MS = 30;
export const COLD_CONNECTIONS = 50;

/**
 * Our local limits must not be what B3 measures: Fingerprint's limiter models the real account's
 * 5 requests/s, and 50 requests in flight need more than the default bulkheads and connections.
 */
export function coldTuning(): Record<string, string> {
  const tuning: Record<string, string> = {
    CACHE_MAX_ENTRIES: '0',
    FINGERPRINT_RATE_LIMIT_RPS: '0',
    VENDOR_CONNECTIONS: '256',
  };
  for (const vendor of VENDOR_REGISTRY.descriptors) tuning[`${vendor.envPrefix}_CONCURRENCY`] = '256';
  return tuning;
}

export async function coldPath(context: BenchContext): Promise<ScenarioResult[]> {
  const { options } = context;
  await context.simulator.call('setLatency', { ms: VENDOR_LATENCY_MS });
  const tuning = coldTuning();
  const subgraph = await startSubgraph(context, 'B3', tuning);
  try {
    const tokens = new TokenSource('cold');
    const build = () => {
      const token = tokens.next();
      return { body: requestBody(LOGIN_CHECK, { signals: signalsFor(token) }), tag: token };
    };
    const check = (status: number, body: string, token: string): string | undefined => {
      const answer = parseAnswer(status, body);
      if (typeof answer === 'string') return answer;
      return eventProblem(answer.data?.['event'], token, false);
    };
    const variants = [
      { id: 'B3', connections: COLD_CONNECTIONS, rounds: [] as RoundMetrics[], checks: new Checks() },
      { id: 'B3u', connections: 1, rounds: [] as RoundMetrics[], checks: new Checks() },
    ];
    if (!options.quick) {
      context.log(`  warm-up ${options.warmupS} s`);
      await runLoad({ url: subgraph.info.url, connections: COLD_CONNECTIONS, durationS: options.warmupS, body: build });
      await settle(context);
    }
    for (let round = 1; round <= options.rounds; round += 1) {
      for (const variant of variants) {
        const { value: result, ...cpu } = await withCpu(
          context,
          () => subgraph.call('usage'),
          () =>
            runLoad({
              url: subgraph.info.url,
              connections: variant.connections,
              ...(options.quick ? { amount: variant.connections * 2 } : { durationS: options.durationS }),
              body: build,
              check,
            }),
        );
        await settle(context);
        loadChecks(variant.checks, `${variant.id} round ${round}`, result);
        const calls = await tokenCallCounts(context, VENDORS, result.answeredTags, 1);
        variant.checks.add(
          `${variant.id} round ${round}: one call per vendor per token`,
          calls.wrong.length === 0 && calls.total === VENDORS.length * result.ok,
          calls.wrong.length ? calls.wrong.join(', ') : `${calls.total} calls for ${result.ok} answers`,
        );
        variant.rounds.push(metrics(result, calls.total / Math.max(1, result.ok), cpu));
        context.log(`  ${variant.id} round ${round}: ${describe(result)}`);
      }
    }
    const memory = await subgraph.call('usage');
    const env = shownEnv(context, tuning);
    const latency = `vendor latency ${VENDOR_LATENCY_MS} ms, fresh token per request, cache off`;
    return [
      summarize(
        {
          id: 'B3',
          title: 'our subgraph, typical query, cache off, 50 connections',
          role: 'our cold path',
          setup: `${COLD_CONNECTIONS} connections, ${latency}`,
          env,
        },
        variants[0]!.rounds,
        memory,
        variants[0]!.checks.list,
        { vendorLatencyMs: VENDOR_LATENCY_MS },
      ),
      summarize(
        {
          id: 'B3u',
          title: 'as B3, one request at a time',
          role: 'added latency, unloaded (diagnostic)',
          setup: `1 connection, ${latency}`,
          env,
        },
        variants[1]!.rounds,
        memory,
        variants[1]!.checks.list,
        { vendorLatencyMs: VENDOR_LATENCY_MS },
      ),
    ];
  } finally {
    await subgraph.stop();
  }
}
