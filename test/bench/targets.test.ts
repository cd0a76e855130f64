import { describe, expect, it } from 'vitest';
import type { RoundMetrics, ScenarioResult } from '../../bench/scenarios/types.ts';
import { spread } from '../../bench/stats.ts';
import { evaluateTargets } from '../../bench/targets.ts';

/**
 * The verdicts docs/performance.md's targets table prints. Quick mode (test/bench/quick.test.ts) turns
 * every verdict into `info`, so only this test sees met and missed.
 */

function scenario(id: string, rounds: Partial<RoundMetrics>[], extra: Partial<ScenarioResult> = {}): ScenarioResult {
  const full = rounds.map(
    (round): RoundMetrics => ({
      rps: 100,
      p50Ms: 10,
      p99Ms: 20,
      requests: 1000,
      callsPerQuery: null,
      cpuMsPerQuery: 1,
      simulatorCpuMsPerQuery: null,
      gcMsPerQuery: null,
      ...round,
    }),
  );
  const of = (pick: (round: RoundMetrics) => number) => spread(full.map(pick));
  return {
    id,
    title: id,
    role: 'test',
    setup: 'synthetic',
    rounds: full,
    summary: {
      rps: of((round) => round.rps),
      p50Ms: of((round) => round.p50Ms),
      p99Ms: of((round) => round.p99Ms),
      callsPerQuery: full[0]?.callsPerQuery === null ? null : of((round) => round.callsPerQuery ?? 0),
      cpuMsPerQuery: of((round) => round.cpuMsPerQuery),
      simulatorCpuMsPerQuery: null,
      gcMsPerQuery: null,
      rssMB: null,
    },
    extra: {},
    checks: [],
    ...extra,
  };
}

const byId = (scenarios: ScenarioResult[], quick = false) =>
  Object.fromEntries(evaluateTargets(scenarios, null, quick).map((target) => [target.id, target]));

describe('benchmark targets', () => {
  it('compares throughput round by round and reports the median with its range and CPU twin', () => {
    const targets = byId([
      scenario('B1', [{ rps: 100 }, { rps: 200 }, { rps: 100 }]),
      scenario('B2', [{ rps: 90, cpuMsPerQuery: 2 }, { rps: 100 }, { rps: 80 }]),
    ]);
    // Rounds 0.9, 0.5, 0.8: median 0.8 misses 0.85, although the summed throughputs would give 0.675.
    expect(targets['B2/B1']).toMatchObject({
      status: 'missed',
      measured: '0.80× (0.50–0.90); by CPU per query 1.00× (0.50–1.00)',
    });
  });

  it('meets a throughput target at its threshold and only reports the Apollo tax', () => {
    const targets = byId([
      scenario('B0', [{ rps: 200 }]),
      scenario('B1', [{ rps: 100 }]),
      scenario('B2', [{ rps: 85 }]),
      scenario('B5a', [{ rps: 15 }]),
      scenario('B5b', [{ rps: 10 }]),
    ]);
    expect(targets['B2/B1']?.status).toBe('met');
    expect(targets['B1/B0']).toMatchObject({ status: 'info', measured: expect.stringMatching(/^0\.50×/) });
    expect(targets['B5']?.status).toBe('met');
    const below = byId([scenario('B5a', [{ rps: 14.9 }]), scenario('B5b', [{ rps: 10 }])]);
    expect(below['B5']?.status).toBe('missed');
  });

  it('holds the RSS after B2 and after B3 to the memory budget', () => {
    const withRss = (id: string, rssMB: number) => {
      const base = scenario(id, [{}]);
      return { ...base, summary: { ...base.summary, rssMB } };
    };
    const targets = byId([withRss('B2', 200), withRss('B3', 201)]);
    expect(targets['RSS B2']?.status).toBe('met');
    expect(targets['RSS B3']).toMatchObject({ status: 'missed', measured: '201 MB' });
  });

  it('holds latency targets to their limits and call-count targets to exact counts', () => {
    const targets = byId([
      scenario('B3', [{ p50Ms: 41, p99Ms: 70 }]),
      scenario('B4a', [{ p50Ms: 40, callsPerQuery: 80 }], { extra: { expectedCallsPerQuery: 80 } }),
      scenario('B4b', [{ p50Ms: 40, callsPerQuery: 17 }], { extra: { expectedCallsPerQuery: 16 } }),
    ]);
    // Vendor latency 30 ms: p50 may be 40 ms, p99 70 ms.
    expect(targets['B3 p50']?.status).toBe('missed');
    expect(targets['B3 p99']?.status).toBe('met');
    expect(targets['B4a calls']?.status).toBe('met');
    expect(targets['B4b calls']?.status).toBe('missed');
  });

  it('says "not run" for what did not run, and only "info" in quick mode', () => {
    expect(byId([])['B2/B1']?.status).toBe('not run');
    const quick = byId([scenario('B1', [{ rps: 100 }]), scenario('B2', [{ rps: 10 }])], true);
    expect(quick['B2/B1']?.status).toBe('info');
    expect(quick['B5']?.status).toBe('not run');
  });
});
