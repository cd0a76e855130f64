import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

/** Command line of `npm run bench -- …`. */

/** bench/results/: the committed results of the latest full run, which docs/performance.md shows. */
export const DEFAULT_OUT = fileURLToPath(new URL('./results', import.meta.url));

export const SCENARIO_GROUPS = ['B0', 'B1', 'B2', 'B3', 'B4', 'B5', 'B6'] as const;
export type ScenarioGroup = (typeof SCENARIO_GROUPS)[number];

export interface Options {
  /** One short round per scenario, checking answers, never timings (run by `npm test`). */
  quick: boolean;
  /** Also run the soak: B2 load for `soakMinutes`, RSS sampled, slope reported. */
  soak: boolean;
  soakMinutes: number;
  /** Scenario groups to run (default: all). B0–B2 always run together: they share B2's answer. */
  only: ScenarioGroup[];
  rounds: number;
  /** Seconds per measured round. */
  durationS: number;
  /** Seconds of untimed load before the rounds of each server. */
  warmupS: number;
  /** Connections for B0–B2 and the soak. */
  connections: number;
  /** Write V8 CPU profiles of our subgraph under each scenario to `<out>/profiles/`. */
  cpuProf: boolean;
  /** Write a heap snapshot of our subgraph after the rounds of B2 and B3 to `<out>/profiles/`. */
  heapSnapshot: boolean;
  /** Extra environment for our subgraph in every scenario (`--env NAME=VALUE`), to try settings without code. */
  serverEnv: Record<string, string>;
  /** Where results go (absolute). */
  out: string;
}

const USAGE = `npm run bench -- [options]
  --quick            one short round per scenario, answers checked, timings ignored (npm test runs this)
  --soak             also run B2 load for --soak-minutes (default 15) and report the RSS slope
  --soak-minutes M   length of the soak
  --only B2,B3       run some scenario groups (B0-B2 always run together)
  --rounds N         measured rounds per scenario (default 3, at least 3 for a full run)
  --duration S       seconds per round (default 5)
  --warmup S         seconds of untimed load per server before its rounds (default 10)
  --connections N    connections for B0-B2 and the soak (default 10)
  --env NAME=VALUE   extra environment for our subgraph in every scenario (repeatable), e.g. --env NODE_OPTIONS=--max-semi-space-size=8
  --cpu-prof         write CPU profiles of our subgraph per scenario to <out>/profiles and list hot spots
  --heap-snapshot    write heap snapshots of our subgraph after B2 and B3 to <out>/profiles and list what fills them
  --out DIR          results directory (default bench/results)`;

function positive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new Error(`--${name} must be a positive number (got ${value})`);
  return number;
}

export function parseOptions(argv: string[]): Options | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      soak: { type: 'boolean', default: false },
      'soak-minutes': { type: 'string' },
      only: { type: 'string' },
      rounds: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      'cpu-prof': { type: 'boolean', default: false },
      'heap-snapshot': { type: 'boolean', default: false },
      env: { type: 'string', multiple: true },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) return 'help';
  const only = (values.only?.split(',') ?? [...SCENARIO_GROUPS]).map((group) => group.trim().toUpperCase());
  for (const group of only) {
    if (!(SCENARIO_GROUPS as readonly string[]).includes(group))
      throw new Error(`--only: unknown scenario ${group} (known: ${SCENARIO_GROUPS.join(', ')})`);
  }
  const quick = values.quick;
  const rounds = positive('rounds', values.rounds, quick ? 1 : 3);
  if (!Number.isInteger(rounds)) throw new Error('--rounds must be an integer');
  return {
    quick,
    // Quick mode runs a few seconds of soak too, so that code path cannot rot either.
    soak: values.soak || quick,
    soakMinutes: positive('soak-minutes', values['soak-minutes'], quick ? 2 / 60 : 15),
    only: only as ScenarioGroup[],
    rounds,
    durationS: positive('duration', values.duration, 5),
    warmupS: positive('warmup', values.warmup, 10),
    connections: positive('connections', values.connections, 10),
    cpuProf: values['cpu-prof'],
    heapSnapshot: values['heap-snapshot'],
    serverEnv: Object.fromEntries(
      (values.env ?? []).map((pair) => {
        const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(pair);
        if (!match) throw new Error(`--env expects NAME=VALUE (got ${pair})`);
        return [match[1]!, match[2]!];
      }),
    ),
    out: values.out ? resolve(values.out) : DEFAULT_OUT,
  };
}

export function usage(): string {
  return USAGE;
}
