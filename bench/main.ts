import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { regenerate } from '../scripts/docs/blocks.ts';
import type { SimulatorApi, SimulatorInfo } from './children/simulator.ts';
import { describeMachine } from './machine.ts';
import { DEFAULT_OUT, type Options, parseOptions, SCENARIO_GROUPS, usage } from './options.ts';
import { killAllChildren, startChild } from './processes.ts';
import { heapShares, hotSpots, renderHeapShares, renderHotSpots } from './profile.ts';
import { renderReport } from './report.ts';
import type { BenchResults } from './results.ts';
import { batching } from './scenarios/batching.ts';
import { coldPath } from './scenarios/cold-path.ts';
import { hotPath } from './scenarios/hot-path.ts';
import { logStall } from './scenarios/log-stall.ts';
import { sdkComparison } from './scenarios/sdk.ts';
import { soak } from './scenarios/soak.ts';
import type { BenchContext, ScenarioResult, SoakResult } from './scenarios/types.ts';
import { fillCompileCache, startScriptFlags } from './subgraph.ts';
import { renderSvg } from './svg.ts';
import { evaluateTargets } from './targets.ts';

/**
 * `npm run bench`: every scenario (docs/performance.md) in one run, side by side, on loopback. This
 * process generates load; the servers under test and the vendor simulator run in child processes.
 * See bench/README.md.
 */

function parse(): Options {
  try {
    const options = parseOptions(process.argv.slice(2));
    if (options !== 'help') return options;
    process.stdout.write(`${usage()}\n`);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${usage()}\n`);
    process.exit(2);
  }
  process.exit(0);
}

const options = parse();
const started = Date.now();
const machine = describeMachine();
const mode: BenchResults['mode'] = options.quick
  ? 'quick'
  : options.only.length === SCENARIO_GROUPS.length && options.rounds >= 3 && Object.keys(options.serverEnv).length === 0
    ? 'full'
    : 'partial';
const profileDir = join(options.out, 'profiles');
mkdirSync(options.cpuProf || options.heapSnapshot ? profileDir : options.out, { recursive: true });

const log = (line: string): void => {
  process.stdout.write(`${line}\n`);
};
log(
  `Benchmark (${mode}): ${machine.cpuModel}, ${machine.cores} cores, Node ${machine.node}, commit ${machine.commit}${machine.dirty ? ' + changes' : ''}`,
);
log(
  `The load generator (this process), the server under test and the vendor simulator share these ${machine.cores} cores; ` +
    'compare ratios, not absolute numbers.',
);

const simulator = await startChild<SimulatorApi, SimulatorInfo>({
  name: 'vendor simulator',
  module: new URL('./children/simulator.ts', import.meta.url),
});
const profiles: string[] = [];
const snapshots: string[] = [];
const context: BenchContext = {
  options,
  simulator,
  log,
  execArgv: (name) => {
    if (!options.cpuProf) return [];
    profiles.push(`${name}.cpuprofile`);
    return ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${name}.cpuprofile`];
  },
  heapSnapshot: async (child, name) => {
    if (!options.heapSnapshot) return;
    const path = join(profileDir, `${name}.heapsnapshot`);
    await child.call('heapSnapshot', { path });
    snapshots.push(path);
  },
};

const scenarios: ScenarioResult[] = [];
const errors: string[] = [];
let soakResult: SoakResult | null = null;
const groups: { name: string; runs: boolean; run: () => Promise<void> }[] = [
  {
    name: 'B0–B2 hot path against its ceilings',
    runs: options.only.some((group) => group === 'B0' || group === 'B1' || group === 'B2'),
    run: async () => void scenarios.push(...(await hotPath(context))),
  },
  {
    name: 'B3 cold path',
    runs: options.only.includes('B3'),
    run: async () => void scenarios.push(...(await coldPath(context))),
  },
  {
    name: 'B4 batching',
    runs: options.only.includes('B4'),
    run: async () => void scenarios.push(...(await batching(context))),
  },
  {
    name: 'B5 our Fingerprint client against the SDK',
    runs: options.only.includes('B5'),
    run: async () => void scenarios.push(...(await sdkComparison(context))),
  },
  {
    name: 'B6 logging to a stalled reader',
    runs: options.only.includes('B6'),
    run: async () => void scenarios.push(...(await logStall(context))),
  },
  {
    name: `soak (${Number(options.soakMinutes.toFixed(2))} min of B2 load)`,
    runs: options.soak,
    run: async () => {
      soakResult = await soak(context);
    },
  },
];
try {
  await fillCompileCache(context);
  for (const group of groups.filter((each) => each.runs)) {
    log(`\n${group.name}`);
    const groupStarted = Date.now();
    try {
      await group.run();
      log(`  (${((Date.now() - groupStarted) / 1000).toFixed(1)} s)`);
    } catch (error) {
      // One broken scenario must not hide the others' results; it still fails the run.
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      errors.push(`${group.name}: ${message}`);
      log(`  FAILED: ${message}`);
    }
  }
} finally {
  await simulator.stop();
  killAllChildren();
}

const targets = evaluateTargets(scenarios, soakResult, options.quick);
const checks = [
  ...scenarios.flatMap((scenario) => scenario.checks),
  ...((soakResult as SoakResult | null)?.checks ?? []),
];
const results: BenchResults = {
  schema: 1,
  mode,
  startedAt: new Date(started).toISOString(),
  elapsedS: Math.round((Date.now() - started) / 1000),
  machine,
  settings: {
    rounds: options.rounds,
    durationS: options.durationS,
    warmupS: options.warmupS,
    connections: options.connections,
    soakMinutes: options.soak ? options.soakMinutes : null,
    subgraphFlags: startScriptFlags(),
  },
  scenarios,
  soak: soakResult,
  targets,
  errors,
  ok: errors.length === 0 && checks.every((check) => check.ok),
};

log(`\n${renderReport(results)}`);
if (errors.length) log(`\nScenarios that failed to run:\n${errors.map((error) => `  - ${error}`).join('\n')}`);

// Only a full run replaces the committed results (and the docs/performance.md tables made from them).
const base = mode === 'full' ? 'latest' : mode;
const suffix = mode === 'full' ? '' : '.tmp';
const jsonPath = join(options.out, `${base}.json${suffix}`);
const svgPath = join(options.out, `${base}.svg${suffix}`);
writeFileSync(jsonPath, `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(svgPath, renderSvg(results));
log(`\nWrote ${jsonPath} and ${svgPath} in ${results.elapsedS} s.`);
if (mode === 'full' && options.out === DEFAULT_OUT) {
  regenerate('docs/performance.md');
  log('Regenerated the performance tables in docs/performance.md from it.');
}

// Only this run's profiles (the directory may hold older ones).
for (const file of profiles.filter((name) => existsSync(join(profileDir, name)))) {
  log(`\n${renderHotSpots(join(profileDir, file), hotSpots(join(profileDir, file)))}`);
}
for (const path of snapshots) log(`\n${renderHeapShares(path, heapShares(path))}`);
process.exitCode = results.ok ? 0 : 1;
