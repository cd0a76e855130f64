import { VENDOR_REGISTRY, VENDORS } from '../../src/vendors/registry.ts';
import { Checks, eventProblem, parseAnswer } from '../checks.ts';
import { LOGIN_CHECK, requestBody, signalsFor, TokenSource } from '../graphql.ts';
import { runLoad } from '../load.ts';
import { type Subgraph, shownEnv, withSubgraph } from '../subgraph.ts';
import { describe, loadChecks, metrics, settle, summarize, withCpu } from './summary.ts';
import type { BenchContext, RoundMetrics, ScenarioResult } from './types.ts';
import { tokenCallCounts } from './vendor-calls.ts';

/**
 * B3, the cold path: B2's query with the result cache off and a fresh token per request (Hitprobe
 * is POSTed at most once per probe id, so a repeated token would be answered from its claim, not
 * from the vendor), every vendor 30 ms away. B3 is the target: 10 connections at the default
 * settings. B3u runs one request at a time in the same process: the latency we add with no queueing
 * at all (diagnostic). B3h runs 50 connections in a process of its own with the concurrency limits
 * raised (information: how the cold path behaves past its knee).
 */

export const VENDOR_LATENCY_MS = 30;
export const COLD_CONNECTIONS = 10;
export const HEAVY_CONNECTIONS = 50;

/**
 * What B3 changes from the defaults: no result cache (every query is cold) and no local rate limit
 * (Fingerprint's models the real account's 5 requests/s, which the simulator does not have). The
 * default bulkheads and connection pools take 10 requests in flight.
 */
export function coldTuning(): Record<string, string> {
  return { CACHE_MAX_ENTRIES: '0', FINGERPRINT_RATE_LIMIT_RPS: '0' };
}

/** B3h: 50 requests in flight need 50 calls per vendor at once, more than the default bulkheads allow. */
export function heavyTuning(): Record<string, string> {
  const tuning: Record<string, string> = { ...coldTuning(), VENDOR_CONNECTIONS: '256' };
  for (const vendor of VENDOR_REGISTRY.descriptors) tuning[`${vendor.envPrefix}_CONCURRENCY`] = '256';
  return tuning;
}

interface Variant {
  id: 'B3' | 'B3u' | 'B3h';
  connections: number;
  rounds: RoundMetrics[];
  checks: Checks;
}

export async function coldPath(context: BenchContext): Promise<ScenarioResult[]> {
  await context.simulator.call('setLatency', { ms: VENDOR_LATENCY_MS });
  const latency = `vendor latency ${VENDOR_LATENCY_MS} ms, fresh token per request, cache off`;
  const tokens = new TokenSource('cold');

  const cold = (id: 'B3' | 'B3u', connections: number): Variant => ({
    id,
    connections,
    rounds: [],
    checks: new Checks(),
  });
  const b3 = cold('B3', COLD_CONNECTIONS);
  const b3u = cold('B3u', 1);
  const tuning = coldTuning();
  const [b3Memory, b3uMemory] = await withSubgraph(context, 'B3', tuning, async (subgraph) => {
    await warmUp(context, subgraph, tokens, COLD_CONNECTIONS);
    await runRounds(context, subgraph, tokens, b3);
    // RSS after the 10-connection rounds is a target: read before anything else runs in this process.
    const afterB3 = await subgraph.call('usage');
    await context.heapSnapshot(subgraph, 'B3');
    await runRounds(context, subgraph, tokens, b3u);
    return [afterB3, await subgraph.call('usage')] as const;
  });

  const b3h: Variant = { id: 'B3h', connections: HEAVY_CONNECTIONS, rounds: [], checks: new Checks() };
  const heavy = heavyTuning();
  const b3hMemory = await withSubgraph(context, 'B3h', heavy, async (subgraph) => {
    await warmUp(context, subgraph, tokens, HEAVY_CONNECTIONS);
    await runRounds(context, subgraph, tokens, b3h);
    return subgraph.call('usage');
  });

  const env = shownEnv(context, tuning);
  const extra = { vendorLatencyMs: VENDOR_LATENCY_MS };
  return [
    summarize(
      {
        id: 'B3',
        title: `our subgraph, typical query, cache off, ${COLD_CONNECTIONS} connections`,
        role: 'our cold path',
        setup: `${COLD_CONNECTIONS} connections, ${latency}, default limits`,
        env,
      },
      b3.rounds,
      b3Memory,
      b3.checks.list,
      extra,
    ),
    summarize(
      {
        id: 'B3u',
        title: 'as B3, one request at a time',
        role: 'added latency, unloaded (diagnostic)',
        setup: `1 connection, ${latency}, default limits`,
        env,
      },
      b3u.rounds,
      b3uMemory,
      b3u.checks.list,
      extra,
    ),
    summarize(
      {
        id: 'B3h',
        title: `as B3, ${HEAVY_CONNECTIONS} connections, limits raised`,
        role: 'cold path past its knee (information)',
        setup: `${HEAVY_CONNECTIONS} connections, ${latency}, concurrency limits raised`,
        env: shownEnv(context, heavy),
      },
      b3h.rounds,
      b3hMemory,
      b3h.checks.list,
      extra,
    ),
  ];
}

function request(tokens: TokenSource) {
  return () => {
    const token = tokens.next();
    return { body: requestBody(LOGIN_CHECK, { signals: signalsFor(token) }), tag: token };
  };
}

async function warmUp(context: BenchContext, subgraph: Subgraph, tokens: TokenSource, connections: number) {
  if (context.options.quick) return;
  context.log(`  warm-up ${context.options.warmupS} s at ${connections} connections`);
  await runLoad({ url: subgraph.info.url, connections, durationS: context.options.warmupS, body: request(tokens) });
  await settle(context);
}

async function runRounds(context: BenchContext, subgraph: Subgraph, tokens: TokenSource, variant: Variant) {
  const { options } = context;
  const check = (status: number, body: string, token: string): string | undefined => {
    const answer = parseAnswer(status, body);
    if (typeof answer === 'string') return answer;
    return eventProblem(answer.data?.['event'], token, false);
  };
  for (let round = 1; round <= options.rounds; round += 1) {
    const { value: result, ...cpu } = await withCpu(
      context,
      () => subgraph.call('usage'),
      () =>
        runLoad({
          url: subgraph.info.url,
          connections: variant.connections,
          ...(options.quick ? { amount: variant.connections * 2 } : { durationS: options.durationS }),
          body: request(tokens),
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
