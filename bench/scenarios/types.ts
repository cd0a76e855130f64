import type { Check } from '../checks.ts';
import type { Usage } from '../children/rpc.ts';
import type { SimulatorApi, SimulatorInfo } from '../children/simulator.ts';
import type { Options } from '../options.ts';
import type { Child } from '../processes.ts';
import type { Spread } from '../stats.ts';
import type { Subgraph } from '../subgraph.ts';

/** What every scenario gets: the options, the shared simulator process and a progress line. */
export interface BenchContext {
  options: Options;
  simulator: Child<SimulatorApi, SimulatorInfo>;
  log(line: string): void;
  /** Node flags for a server child (`--cpu-prof` when asked). */
  execArgv(name: string): string[];
  /** Writes a heap snapshot of a child named `name` when `--heap-snapshot` asked for one. */
  heapSnapshot(child: Subgraph, name: string): Promise<void>;
}

export interface RoundMetrics {
  /** Queries (or lookups) answered per second. */
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** Answered queries (or lookups) in the round. */
  requests: number;
  /** Vendor (simulator) calls per answered query; null where no vendor is involved. */
  callsPerQuery: number | null;
  /**
   * CPU time per answered query of the process under test, and of the simulator where it works.
   * Less sensitive to a busy shared machine than throughput: the first thing to optimise.
   */
  cpuMsPerQuery: number;
  simulatorCpuMsPerQuery: number | null;
  /** Garbage-collection pauses per answered query of the process under test (null where not read). */
  gcMsPerQuery: number | null;
}

export interface ScenarioResult {
  id: string;
  title: string;
  role: string;
  /** How it was run, in words (connections, latency, sizes). */
  setup: string;
  /** Environment given to the server under test beyond the simulator wiring. */
  env?: Record<string, string>;
  rounds: RoundMetrics[];
  summary: {
    rps: Spread;
    p50Ms: Spread;
    p99Ms: Spread;
    callsPerQuery: Spread | null;
    cpuMsPerQuery: Spread;
    simulatorCpuMsPerQuery: Spread | null;
    gcMsPerQuery: Spread | null;
    /** RSS of the process under test after its rounds. */
    rssMB: number | null;
  };
  /** Scenario-specific numbers (response size, CPU per lookup…). */
  extra: Record<string, number>;
  checks: Check[];
}

export interface SoakResult {
  durationS: number;
  connections: number;
  rps: number;
  samples: ({ tS: number } & Usage)[];
  /** Samples before this time are warm-up and left out of the slopes. */
  fromS: number;
  rssSlopeMBPerMin: number;
  heapSlopeMBPerMin: number;
  /**
   * Growth of the live heap (heap used right after a forced full GC) between the end of the warm-up
   * and the end of the load. A leak makes it grow; V8 resizing its heap or the allocator keeping
   * pages moves RSS but not this.
   */
  liveHeapMB: { start: number; end: number; perMinute: number } | null;
  rssStartMB: number;
  rssEndMB: number;
  checks: Check[];
}
