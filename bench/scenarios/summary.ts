import { setTimeout as sleep } from 'node:timers/promises';
import type { Check } from '../checks.ts';
import type { Usage } from '../children/rpc.ts';
import type { LoadResult } from '../load.ts';
import { spread } from '../stats.ts';
import type { BenchContext, RoundMetrics, ScenarioResult } from './types.ts';

/** Builds a scenario's result from its rounds: medians and ranges over rounds. */
export function summarize(
  head: Pick<ScenarioResult, 'id' | 'title' | 'role' | 'setup'> & { env?: Record<string, string> },
  rounds: RoundMetrics[],
  /** Of the process under test, after its rounds. */
  usage: Usage,
  checks: Check[],
  extra: Record<string, number> = {},
): ScenarioResult {
  const present = (values: (number | null)[]) => values.filter((value): value is number => value !== null);
  const calls = present(rounds.map((round) => round.callsPerQuery));
  const simulatorCpu = present(rounds.map((round) => round.simulatorCpuMsPerQuery));
  const gc = present(rounds.map((round) => round.gcMsPerQuery));
  return {
    ...head,
    rounds,
    summary: {
      rps: spread(rounds.map((round) => round.rps)),
      p50Ms: spread(rounds.map((round) => round.p50Ms)),
      p99Ms: spread(rounds.map((round) => round.p99Ms)),
      callsPerQuery: calls.length ? spread(calls) : null,
      cpuMsPerQuery: spread(rounds.map((round) => round.cpuMsPerQuery)),
      simulatorCpuMsPerQuery: simulatorCpu.length ? spread(simulatorCpu) : null,
      gcMsPerQuery: gc.length ? spread(gc) : null,
      rssMB: usage.rssMB,
    },
    extra: { ...extra, heapUsedMB: usage.heapUsedMB, heapTotalMB: usage.heapTotalMB, externalMB: usage.externalMB },
    checks,
  };
}

/** The checks every load round must pass: no transport errors, only 2xx, every answer right. */
export function loadChecks(
  checks: { add(name: string, ok: boolean, detail?: string): boolean },
  label: string,
  result: { ok: number; errors: number; non2xx: number; problems: number; firstProblems: string[] },
): void {
  checks.add(`${label}: answers`, result.ok > 0, `${result.ok} answered`);
  checks.add(
    `${label}: no errors or non-2xx`,
    result.errors === 0 && result.non2xx === 0,
    `${result.errors} errors, ${result.non2xx} non-2xx`,
  );
  checks.add(
    `${label}: answers correct`,
    result.problems === 0,
    result.problems ? `${result.problems} wrong, e.g. ${result.firstProblems.join(' | ')}` : 'all checked',
  );
}

export interface CpuSpent {
  serverCpuMs: number;
  /** Garbage-collection pauses of the process under test. */
  serverGcMs: number;
  simulatorCpuMs: number | null;
}

/** CPU and GC time spent by the process under test, and CPU time by the simulator, while `run` ran. */
export async function withCpu<T>(
  context: BenchContext,
  serverUsage: () => Promise<Usage>,
  run: () => Promise<T>,
): Promise<{ value: T } & CpuSpent> {
  const [server0, simulator0] = await Promise.all([serverUsage(), context.simulator.call('usage')]);
  const value = await run();
  const [server1, simulator1] = await Promise.all([serverUsage(), context.simulator.call('usage')]);
  return {
    value,
    serverCpuMs: server1.cpuMs - server0.cpuMs,
    serverGcMs: server1.gcMs - server0.gcMs,
    simulatorCpuMs: simulator1.cpuMs - simulator0.cpuMs,
  };
}

/** A load round's metrics; CPU is divided by the answered queries. */
export function metrics(result: LoadResult, callsPerQuery: number | null, cpu: CpuSpent): RoundMetrics {
  const answered = Math.max(1, result.ok);
  return {
    rps: result.rps,
    p50Ms: result.p50Ms,
    p99Ms: result.p99Ms,
    requests: result.ok,
    callsPerQuery,
    cpuMsPerQuery: cpu.serverCpuMs / answered,
    simulatorCpuMsPerQuery: cpu.simulatorCpuMs === null ? null : cpu.simulatorCpuMs / answered,
    gcMsPerQuery: cpu.serverGcMs / answered,
  };
}

export function describe(result: LoadResult): string {
  return `${Math.round(result.rps)} req/s, p50 ${result.p50Ms.toFixed(2)} ms, p99 ${result.p99Ms.toFixed(2)} ms, ${result.ok} answers${
    result.errors || result.non2xx ? `, ${result.errors} errors, ${result.non2xx} non-2xx` : ''
  }`;
}

/**
 * Waits until the simulator has received no call for a while: a query cut off at the end of a
 * round still makes its vendor calls, and they must not be counted in the next round.
 */
export async function settle(context: BenchContext, quietMs = 300, maxMs = 10_000): Promise<void> {
  const total = async () => Object.values(await context.simulator.call('calls')).reduce((sum, count) => sum + count, 0);
  const deadline = Date.now() + maxMs;
  let last = await total();
  let quietSince = Date.now();
  while (Date.now() < deadline) {
    await sleep(100);
    const now = await total();
    if (now !== last) {
      last = now;
      quietSince = Date.now();
    } else if (Date.now() - quietSince >= quietMs) return;
  }
}
