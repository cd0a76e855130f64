import type { BenchResults } from './results.ts';
import { VENDOR_LATENCY_MS } from './scenarios/cold-path.ts';
import type { ScenarioResult } from './scenarios/types.ts';

/**
 * A hand-written SVG bar chart of a run (no chart library): throughput of the hot path against its
 * ceilings, cold-path and batching latency against their targets, and the client comparison.
 * Bars are medians; whiskers span the range over rounds.
 */

const WIDTH = 820;
const LABEL = 250;
const BAR = 440;
const ROW = 26;
const COLORS = { bar: '#4c78a8', light: '#c6d6ea', target: '#e45756', text: '#222', muted: '#666' };

const escape = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const fmt = (value: number): string =>
  value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(value >= 10 ? 1 : 2);

interface Row {
  label: string;
  median: number;
  min: number;
  max: number;
  /** A second, lighter bar behind (p99 behind p50). */
  behind?: number;
  /** A dashed line: the target. */
  target?: number;
}

function panel(title: string, unit: string, rows: Row[], top: number): { svg: string; height: number } {
  const scaleMax = Math.max(1, ...rows.flatMap((row) => [row.max, row.behind ?? 0, row.target ?? 0])) * 1.1;
  const x = (value: number) => LABEL + (value / scaleMax) * BAR;
  const parts = [
    `<text x="10" y="${top + 16}" font-weight="bold" fill="${COLORS.text}">${escape(title)}</text>`,
    `<text x="${WIDTH - 10}" y="${top + 16}" text-anchor="end" fill="${COLORS.muted}">${escape(unit)}</text>`,
  ];
  rows.forEach((row, index) => {
    const y = top + 28 + index * ROW;
    parts.push(
      `<text x="${LABEL - 8}" y="${y + 13}" text-anchor="end" fill="${COLORS.text}">${escape(row.label)}</text>`,
    );
    if (row.behind !== undefined && Number.isFinite(row.behind))
      parts.push(
        `<rect x="${LABEL}" y="${y + 2}" width="${(x(row.behind) - LABEL).toFixed(1)}" height="14" fill="${COLORS.light}"/>`,
      );
    if (Number.isFinite(row.median)) {
      parts.push(
        `<rect x="${LABEL}" y="${y + 2}" width="${(x(row.median) - LABEL).toFixed(1)}" height="14" fill="${COLORS.bar}"/>`,
      );
      parts.push(
        `<line x1="${x(row.min).toFixed(1)}" x2="${x(row.max).toFixed(1)}" y1="${y + 9}" y2="${y + 9}" stroke="${COLORS.text}" stroke-width="1.5"/>`,
      );
    }
    if (row.target !== undefined)
      parts.push(
        `<line x1="${x(row.target).toFixed(1)}" x2="${x(row.target).toFixed(1)}" y1="${y}" y2="${y + 18}" stroke="${COLORS.target}" stroke-width="2" stroke-dasharray="3,2"/>`,
      );
    const end = Math.max(x(row.max), row.behind !== undefined ? x(row.behind) : 0);
    const text = row.behind !== undefined ? `${fmt(row.median)} / ${fmt(row.behind)}` : fmt(row.median);
    parts.push(`<text x="${(end + 6).toFixed(1)}" y="${y + 13}" fill="${COLORS.muted}">${escape(text)}</text>`);
  });
  return { svg: parts.join('\n'), height: 36 + rows.length * ROW };
}

export function renderSvg(results: BenchResults): string {
  const get = (id: string): ScenarioResult | undefined => results.scenarios.find((scenario) => scenario.id === id);
  const throughput = (ids: string[]): Row[] =>
    ids.flatMap((id) => {
      const scenario = get(id);
      return scenario ? [{ label: `${id} ${scenario.role}`, ...scenario.summary.rps }] : [];
    });
  const latencyTarget: Record<string, number> = {
    B3: VENDOR_LATENCY_MS + 5,
    B4a: 2 * VENDOR_LATENCY_MS + 20,
    B4b: 2 * VENDOR_LATENCY_MS + 20,
  };
  const latency: Row[] = ['B3', 'B3u', 'B4a', 'B4b'].flatMap((id) => {
    const scenario = get(id);
    if (!scenario) return [];
    const row: Row = {
      label: `${id} ${scenario.role}`,
      ...scenario.summary.p50Ms,
      behind: scenario.summary.p99Ms.median,
    };
    const target = latencyTarget[id];
    return [target === undefined ? row : { ...row, target }];
  });

  const panels = [
    ['Hot path against its ceilings (req/s)', 'median, whisker = range', throughput(['B0', 'B1', 'B2', 'B3'])],
    [`Latency with vendors ${VENDOR_LATENCY_MS} ms away (ms)`, 'p50 dark / p99 light, dashed = p50 target', latency],
    ['Fingerprint lookups per second', 'ours vs @fingerprint/node-sdk', throughput(['B5a', 'B5b'])],
  ] as const;
  let top = 44;
  const bodies: string[] = [];
  for (const [title, unit, rows] of panels) {
    if (rows.length === 0) continue;
    const drawn = panel(title, unit, [...rows], top);
    bodies.push(drawn.svg);
    top += drawn.height + 14;
  }
  const { machine } = results;
  const caption = `${machine.cpuModel}, ${machine.cores} cores, Node ${machine.node}, commit ${machine.commit}, ${results.startedAt.slice(0, 10)}`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${top}" viewBox="0 0 ${WIDTH} ${top}" font-family="system-ui, sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="10" y="20" font-size="15" font-weight="bold" fill="${COLORS.text}">Device-intelligence subgraph benchmark (${results.mode})</text>`,
    `<text x="10" y="36" fill="${COLORS.muted}">${escape(caption)}</text>`,
    ...bodies,
    '</svg>',
    '',
  ].join('\n');
}
