import type { Target } from './results.ts';
import { COLD_CONNECTIONS, HEAVY_CONNECTIONS, VENDOR_LATENCY_MS } from './scenarios/cold-path.ts';
import type { ScenarioResult, SoakResult } from './scenarios/types.ts';
import { type Spread, spread } from './stats.ts';

/**
 * The benchmark's targets (docs/performance.md), as ratios measured in the same run where possible
 * (shared machines make absolute numbers noise). Ratios are taken round by round (rounds of the compared scenarios run
 * back to back) and then summarised by their median and range.
 */

const LATENCY = VENDOR_LATENCY_MS;

/** The thresholds (docs/performance.md), shared with the chart. */
export const THRESHOLDS = {
  /** B2 throughput / B1's. */
  hotPathRatio: 0.85,
  /** B5a throughput / B5b's. */
  sdkRatio: 1.5,
  /** B3 at 10 connections: at most this much over the vendors' latency. */
  coldP50AddedMs: 10,
  coldP99AddedMs: 40,
  /** B4: one vendor round trip plus twice the vendors' latency and this much. */
  batchP50AddedMs: 20,
  /** The memory budget of one replica: RSS of the subgraph process with the default settings. */
  rssMB: 200,
} as const;
const MAX_RSS_MB = THRESHOLDS.rssMB;

/** Throughput ratio of two scenarios, round by round (their rounds ran back to back), summarised. */
export function ratio(
  numerator: ScenarioResult | undefined,
  denominator: ScenarioResult | undefined,
): Spread | undefined {
  return roundByRound(numerator, denominator, (top, bottom) => (bottom.rps > 0 ? top.rps / bottom.rps : undefined));
}

/**
 * The same comparison by CPU time per query (denominator's CPU / numerator's, round by round): on a
 * busy shared machine, less noisy than throughput.
 */
export function cpuRatio(
  numerator: ScenarioResult | undefined,
  denominator: ScenarioResult | undefined,
): Spread | undefined {
  return roundByRound(numerator, denominator, (top, bottom) =>
    top.cpuMsPerQuery > 0 ? bottom.cpuMsPerQuery / top.cpuMsPerQuery : undefined,
  );
}

type Round = ScenarioResult['rounds'][number];

function roundByRound(
  numerator: ScenarioResult | undefined,
  denominator: ScenarioResult | undefined,
  compare: (top: Round, bottom: Round) => number | undefined,
): Spread | undefined {
  if (!numerator || !denominator) return undefined;
  const ratios = numerator.rounds.flatMap((round, index) => {
    const other = denominator.rounds[index];
    const value = other ? compare(round, other) : undefined;
    return value === undefined ? [] : [value];
  });
  return ratios.length ? spread(ratios) : undefined;
}

const times = (value: Spread): string =>
  `${value.median.toFixed(2)}× (${value.min.toFixed(2)}–${value.max.toFixed(2)})`;
const withCpu = (value: Spread, cpu: Spread | undefined): string =>
  `${times(value)}${cpu ? `; by CPU per query ${times(cpu)}` : ''}`;

const ms = (value: Spread): string => `${value.median.toFixed(1)} ms (${value.min.toFixed(1)}–${value.max.toFixed(1)})`;

/** A throughput ratio (with its CPU-per-query twin): met when its median reaches `minimum`, else only reported. */
function atLeast(
  id: string,
  label: string,
  numerator: ScenarioResult | undefined,
  denominator: ScenarioResult | undefined,
  minimum?: number,
): Target {
  const value = ratio(numerator, denominator);
  if (!value) return { id, label, measured: '—', status: 'not run' };
  const measured = withCpu(value, cpuRatio(numerator, denominator));
  return { id, label, measured, status: minimum === undefined ? 'info' : value.median >= minimum ? 'met' : 'missed' };
}

function atMost(id: string, label: string, value: Spread | undefined, limit: number, extra = ''): Target {
  if (!value) return { id, label, measured: '—', status: 'not run' };
  return { id, label, measured: `${ms(value)}${extra}`, status: value.median <= limit ? 'met' : 'missed' };
}

export function evaluateTargets(scenarios: ScenarioResult[], soak: SoakResult | null, quick: boolean): Target[] {
  const byId = new Map(scenarios.map((scenario) => [scenario.id, scenario]));
  const get = (id: string) => byId.get(id);
  const targets: Target[] = [];

  const { hotPathRatio, sdkRatio, coldP50AddedMs, coldP99AddedMs, batchP50AddedMs } = THRESHOLDS;
  targets.push(atLeast('B2/B1', `B2 throughput ≥ ${hotPathRatio} × B1`, get('B2'), get('B1'), hotPathRatio));
  targets.push(atLeast('B1/B0', 'Apollo tax: B1 throughput / B0 (reported)', get('B1'), get('B0')));

  const b3 = get('B3')?.summary;
  const p50Max = LATENCY + coldP50AddedMs;
  const p99Max = LATENCY + coldP99AddedMs;
  targets.push(atMost('B3 p50', `B3 p50 ≤ latency + ${coldP50AddedMs} ms (${p50Max} ms)`, b3?.p50Ms, p50Max));
  targets.push(atMost('B3 p99', `B3 p99 ≤ latency + ${coldP99AddedMs} ms (${p99Max} ms)`, b3?.p99Ms, p99Max));
  const heavy = get('B3h')?.summary;
  targets.push({
    id: 'B3h',
    label: `B3h, ${HEAVY_CONNECTIONS} connections: p50 and p99 (reported)`,
    measured: heavy ? `p50 ${ms(heavy.p50Ms)}; p99 ${ms(heavy.p99Ms)}` : '—',
    status: heavy ? 'info' : 'not run',
  });

  for (const id of ['B4a', 'B4b']) {
    const scenario = get(id);
    targets.push(
      atMost(
        `${id} p50`,
        `${id} p50 ≤ 2 × latency + ${batchP50AddedMs} ms (${2 * LATENCY + batchP50AddedMs} ms)`,
        scenario?.summary.p50Ms,
        2 * LATENCY + batchP50AddedMs,
      ),
    );
    const expected = scenario?.extra['expectedCallsPerQuery'];
    const calls = scenario?.summary.callsPerQuery;
    const exact =
      scenario?.rounds.every((round) => round.callsPerQuery === expected) === true &&
      scenario.checks.every((check) => check.ok);
    targets.push({
      id: `${id} calls`,
      label: `${id} vendor calls = distinct tokens (${expected ?? '?'} per query)`,
      measured: calls ? `${calls.min.toFixed(2)}–${calls.max.toFixed(2)} per query` : '—',
      status: !scenario ? 'not run' : exact ? 'met' : 'missed',
    });
  }

  targets.push(atLeast('B5', `B5: our client ≥ ${sdkRatio} × the SDK’s throughput`, get('B5a'), get('B5b'), sdkRatio));
  targets.push(atLeast('B6s/B6r', 'stalled log reader: B6s throughput / B6r (reported)', get('B6s'), get('B6r')));

  for (const id of ['B2', 'B3']) {
    const rss = get(id)?.summary.rssMB ?? null;
    targets.push({
      id: `RSS ${id}`,
      label: `RSS ≤ ${MAX_RSS_MB} MB after ${id}${id === 'B3' ? ` (${COLD_CONNECTIONS} connections)` : ''}`,
      measured: rss === null ? '—' : `${rss.toFixed(0)} MB`,
      status: rss === null ? 'not run' : rss <= MAX_RSS_MB ? 'met' : 'missed',
    });
  }
  targets.push({
    id: 'soak',
    label: 'soak: RSS slope < 1 MB/min (`-- --soak`, 15 min)',
    measured: soak
      ? `${soak.rssSlopeMBPerMin.toFixed(2)} MB/min over ${(soak.durationS / 60).toFixed(1)} min (RSS ${soak.rssStartMB.toFixed(0)} → ${soak.rssEndMB.toFixed(0)} MB)${
          soak.liveHeapMB
            ? `; live heap after full GC ${soak.liveHeapMB.start.toFixed(0)} → ${soak.liveHeapMB.end.toFixed(0)} MB (${soak.liveHeapMB.perMinute.toFixed(2)} MB/min)`
            : ''
        }`
      : '—',
    status: !soak ? 'not run' : soak.rssSlopeMBPerMin < 1 ? 'met' : 'missed',
  });

  // A quick run proves the scenarios work; its timings mean nothing.
  if (quick) return targets.map((target) => (target.status === 'not run' ? target : { ...target, status: 'info' }));
  return targets;
}
