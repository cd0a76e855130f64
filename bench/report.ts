import type { BenchResults, Target } from './results.ts';
import type { ScenarioResult } from './scenarios/types.ts';
import type { Spread } from './stats.ts';

/**
 * The results as Markdown tables: printed on stdout after a run and rendered into the generated
 * block of docs/performance.md from bench/results/latest.json.
 */

const number = (value: number, digits = 0): string =>
  Number.isFinite(value)
    ? value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
    : '—';

/** `median (min–max)`, or just the value when every round agreed. */
function spread(value: Spread | null, digits: number): string {
  if (!value || !Number.isFinite(value.median)) return '—';
  const median = number(value.median, digits);
  const min = number(value.min, digits);
  const max = number(value.max, digits);
  return min === max ? median : `${median} (${min}–${max})`;
}

function table(header: string[], rows: string[][], align: ('l' | 'r')[]): string {
  const widths = header.map((cell, index) => Math.max(cell.length, ...rows.map((row) => (row[index] ?? '').length)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, index) => (align[index] === 'r' ? cell.padStart(widths[index]!) : cell.padEnd(widths[index]!))).join(' | ')} |`;
  const rule = `|${widths.map((width, index) => (align[index] === 'r' ? `${'-'.repeat(width + 1)}:` : '-'.repeat(width + 2))).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

export function scenarioTable(scenarios: ScenarioResult[]): string {
  return table(
    [
      'id',
      'scenario',
      'role',
      'req/s',
      'p50 ms',
      'p99 ms',
      'vendor calls/query',
      'CPU ms/query',
      'sim. CPU ms/query',
      'RSS MB',
    ],
    scenarios.map((scenario) => [
      scenario.id,
      scenario.title,
      scenario.role,
      spread(scenario.summary.rps, 0),
      spread(scenario.summary.p50Ms, 2),
      spread(scenario.summary.p99Ms, 2),
      spread(scenario.summary.callsPerQuery, 2),
      spread(scenario.summary.cpuMsPerQuery, 2),
      spread(scenario.summary.simulatorCpuMsPerQuery, 2),
      scenario.summary.rssMB === null ? '—' : number(scenario.summary.rssMB),
    ]),
    ['l', 'l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
  );
}

/** Where each server's memory was after its rounds, and what garbage collection cost per query. */
export function memoryTable(scenarios: ScenarioResult[]): string {
  const mb = (value: number | undefined) => (value === undefined ? '—' : number(value));
  return table(
    ['id', 'RSS MB', 'heap used MB', 'heap total MB', 'external MB', 'GC ms/query', 'GC share of CPU'],
    scenarios.map((scenario) => {
      const { gcMsPerQuery, cpuMsPerQuery } = scenario.summary;
      const share =
        gcMsPerQuery && cpuMsPerQuery.median > 0
          ? `${number((100 * gcMsPerQuery.median) / cpuMsPerQuery.median)}%`
          : '—';
      return [
        scenario.id,
        scenario.summary.rssMB === null ? '—' : number(scenario.summary.rssMB),
        mb(scenario.extra['heapUsedMB']),
        mb(scenario.extra['heapTotalMB']),
        mb(scenario.extra['externalMB']),
        spread(gcMsPerQuery, 3),
        share,
      ];
    }),
    ['l', 'r', 'r', 'r', 'r', 'r', 'r'],
  );
}

const MARK: Record<Target['status'], string> = {
  met: '**met**',
  missed: '**missed**',
  info: 'reported',
  'not run': 'not run',
};

export function targetTable(targets: Target[]): string {
  return table(
    ['target', 'measured (median, range over rounds)', 'result'],
    targets.map((target) => [target.label, target.measured, MARK[target.status]]),
    ['l', 'l', 'l'],
  );
}

export function machineLine(results: BenchResults): string {
  const { machine, settings } = results;
  const rounds =
    results.mode === 'quick'
      ? 'quick mode (timings meaningless)'
      : `${settings.rounds} rounds × ${settings.durationS} s per scenario`;
  return (
    `${machine.cpuModel}, ${machine.cores} cores shared by the load generator, the server under test and the simulator; ` +
    `${machine.memoryGB} GB; ${machine.os}; Node ${machine.node}; commit ${machine.commit}${machine.dirty ? ' (with uncommitted changes)' : ''}; ` +
    `load average ${machine.loadAverage} at the start; ${results.startedAt.slice(0, 10)}; ${rounds}` +
    (settings.subgraphFlags
      ? `; our subgraph started as \`npm start\` does (\`node ${[...settings.subgraphFlags, 'src/main.ts'].join(' ')}\`), logging at info to a pipe.`
      : '.')
  );
}

/** The full report: machine, scenarios, targets, and the environment each server ran with. */
export function renderReport(results: BenchResults): string {
  const failed = results.scenarios.flatMap((scenario) => scenario.checks).concat(results.soak?.checks ?? []);
  const failures = failed.filter((check) => !check.ok);
  const envs = results.scenarios
    .filter((scenario) => scenario.env)
    .map(
      (scenario) =>
        `- ${scenario.id} (${scenario.setup}): ${Object.entries(scenario.env ?? {})
          .map(([name, value]) => `${name}=${value}`)
          .join(' ')}`,
    );
  return [
    `Machine: ${machineLine(results)}`,
    '',
    scenarioTable(results.scenarios),
    '',
    memoryTable(results.scenarios),
    '',
    targetTable(results.targets),
    '',
    `Correctness: ${failed.length - failures.length}/${failed.length} checks passed` +
      (failures.length
        ? `; FAILED:\n${failures.map((check) => `  - ${check.name}: ${check.detail}`).join('\n')}`
        : '.'),
    '',
    'Server environment (besides the simulator URLs and credentials):',
    ...envs,
  ].join('\n');
}

/** docs/performance.md's generated block: the latest committed full run. */
export function performanceBlock(results: BenchResults | undefined): string {
  if (!results) return '_No results yet: run `npm run bench`._';
  return [
    `Measured on: ${machineLine(results)}`,
    '',
    scenarioTable(results.scenarios),
    '',
    memoryTable(results.scenarios),
    '',
    targetTable(results.targets),
  ].join('\n');
}
