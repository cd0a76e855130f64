import type { Machine } from './machine.ts';
import type { ScenarioResult, SoakResult } from './scenarios/types.ts';

/** Everything one run measured: the content of bench/results/latest.json. */
export interface BenchResults {
  schema: 1;
  /** `full`: every scenario, ≥ 3 rounds; `partial`: some (`--only`, fewer rounds); `quick`: a smoke run. */
  mode: 'full' | 'partial' | 'quick';
  startedAt: string;
  elapsedS: number;
  machine: Machine;
  settings: {
    rounds: number;
    durationS: number;
    warmupS: number;
    connections: number;
    soakMinutes: number | null;
    /** Node flags our subgraph ran with: those of `npm start` (absent in results of older runs). */
    subgraphFlags?: string[];
  };
  scenarios: ScenarioResult[];
  soak: SoakResult | null;
  targets: Target[];
  /** Scenarios that could not run to the end, and why. */
  errors: string[];
  /** Every correctness check passed and every scenario ran. */
  ok: boolean;
}

export type TargetStatus = 'met' | 'missed' | 'info' | 'not run';

export interface Target {
  id: string;
  /** The target, as docs/performance.md states it. */
  label: string;
  /** The measurement, in words, with its range over rounds. */
  measured: string;
  status: TargetStatus;
}
