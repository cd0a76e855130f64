import type { Target } from './results.ts';
import { VENDOR_LATENCY_MS } from './scenarios/cold-path.ts';
import type { ScenarioResult, SoakResult } from './scenarios/types.ts';
import { type Spread, spread } from './stats.ts';

/**
 * The benchmark's targets (docs/performance.md), as ratios measured in the same run where possible
 * (shared machines make absolute numbers noise). Ratios are taken round by round (rounds of the compared scenarios run
 * back to back) and then summarised by their median and range.
 */

const LATENCY = VENDOR_LATENCY_MS;

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

  targets.push(atLeast('B2/B1', 'B2 throughput ≥ 0.85 × B1', get('B2'), get('B1'), 0.85));
  targets.push(atLeast('B1/B0', 'Apollo tax: B1 throughput / B0 (reported)', get('B1'), get('B0')));

  const b3 = get('B3')?.summary;
  targets.push(atMost('B3 p50', `B3 p50 ≤ latency + 5 ms (${LATENCY + 5} ms)`, b3?.p50Ms, LATENCY + 5));
  targets.push(atMost('B3 p99', `B3 p99 ≤ latency + 25 ms (${LATENCY + 25} ms)`, b3?.p99Ms, LATENCY + 25));

  for (const id of ['B4a', 'B4b']) {
    const scenario = get(id);
    targets.push(
      atMost(
        `${id} p50`,
        `${id} p50 ≤ 2 × latency + 20 ms (${2 * LATENCY + 20} ms)`,
        scenario?.summary.p50Ms,
        2 * LATENCY + 20,
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

  targets.push(atLeast('B5', 'B5: our client ≥ 2 × the SDK’s throughput', get('B5a'), get('B5b'), 2));
  targets.push(atLeast('B6s/B6r', 'stalled log reader: B6s throughput / B6r (reported)', get('B6s'), get('B6r')));

  const rss = get('B2')?.summary.rssMB ?? null;
  targets.push({
    id: 'RSS',
    label: 'RSS ≤ 200 MB after B2',
    measured: rss === null ? '—' : `${rss.toFixed(0)} MB`,
    status: rss === null ? 'not run' : rss <= 200 ? 'met' : 'missed',
  });
  targets.push({
    id: 'soak',
    label: 'soak: RSS slope < 1 MB/min (`-- --soak`, 5 min)',
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
