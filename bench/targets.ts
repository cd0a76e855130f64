import type { Target } from './results.ts';
import { VENDOR_LATENCY_MS } from './scenarios/cold-path.ts';
import type { ScenarioResult, SoakResult } from './scenarios/types.ts';
import { type Spread, spread } from './stats.ts';

/**
 * The targets of issue #6, as ratios measured in the same run where possible (shared machines make
 * absolute numbers noise). Ratios are taken round by round (rounds of the compared scenarios run
 * back to back) and then summarised by their median and range.
 */

const LATENCY = VENDOR_LATENCY_MS;

/** Throughput ratio of two scenarios, round by round (their rounds ran back to back), summarised. */
export function ratio(
  numerator: ScenarioResult | undefined,
  denominator: ScenarioResult | undefined,
): Spread | undefined {
  if (!numerator || !denominator) return undefined;
  const ratios = numerator.rounds.flatMap((round, index) => {
    const other = denominator.rounds[index];
    return other && other.rps > 0 ? [round.rps / other.rps] : [];
  });
  return ratios.length ? spread(ratios) : undefined;
}

/**
 * The same comparison by CPU time per query (denominator's CPU / numerator's, round by round): on a
 * busy shared machine, less noisy than throughput.
 */
export function cpuRatio(
  numerator: ScenarioResult | undefined,
  denominator: ScenarioResult | undefined,
): Spread | undefined {
  if (!numerator || !denominator) return undefined;
  const ratios = numerator.rounds.flatMap((round, index) => {
    const other = denominator.rounds[index];
    return other && round.cpuMsPerQuery > 0 ? [other.cpuMsPerQuery / round.cpuMsPerQuery] : [];
  });
  return ratios.length ? spread(ratios) : undefined;
}

const times = (value: Spread): string =>
  `${value.median.toFixed(2)}× (${value.min.toFixed(2)}–${value.max.toFixed(2)})`;
const withCpu = (value: Spread, cpu: Spread | undefined): string =>
  `${times(value)}${cpu ? `; by CPU per query ${times(cpu)}` : ''}`;

const ms = (value: Spread): string => `${value.median.toFixed(1)} ms (${value.min.toFixed(1)}–${value.max.toFixed(1)})`;

function atMost(id: string, label: string, value: Spread | undefined, limit: number, extra = ''): Target {
  if (!value) return { id, label, measured: '—', status: 'not run' };
  return { id, label, measured: `${ms(value)}${extra}`, status: value.median <= limit ? 'met' : 'missed' };
}

export function evaluateTargets(scenarios: ScenarioResult[], soak: SoakResult | null, quick: boolean): Target[] {
  const byId = new Map(scenarios.map((scenario) => [scenario.id, scenario]));
  const get = (id: string) => byId.get(id);
  const targets: Target[] = [];

  const b2b1 = ratio(get('B2'), get('B1'));
  targets.push({
    id: 'B2/B1',
    label: 'B2 throughput ≥ 0.85 × B1',
    measured: b2b1 ? withCpu(b2b1, cpuRatio(get('B2'), get('B1'))) : '—',
    status: !b2b1 ? 'not run' : b2b1.median >= 0.85 ? 'met' : 'missed',
  });
  const b1b0 = ratio(get('B1'), get('B0'));
  targets.push({
    id: 'B1/B0',
    label: 'Apollo tax: B1 throughput / B0 (reported)',
    measured: b1b0 ? withCpu(b1b0, cpuRatio(get('B1'), get('B0'))) : '—',
    status: b1b0 ? 'info' : 'not run',
  });

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
      scenario !== undefined &&
      scenario.rounds.every((round) => round.callsPerQuery === expected) &&
      scenario.checks.every((check) => check.ok);
    targets.push({
      id: `${id} calls`,
      label: `${id} vendor calls = distinct tokens (${expected ?? '?'} per query)`,
      measured: calls ? `${calls.min.toFixed(2)}–${calls.max.toFixed(2)} per query` : '—',
      status: !scenario ? 'not run' : exact ? 'met' : 'missed',
    });
  }

  const b5 = ratio(get('B5a'), get('B5b'));
  targets.push({
    id: 'B5',
    label: 'B5: our client ≥ 2 × the SDK’s throughput',
    measured: b5 ? withCpu(b5, cpuRatio(get('B5a'), get('B5b'))) : '—',
    status: !b5 ? 'not run' : b5.median >= 2 ? 'met' : 'missed',
  });

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
