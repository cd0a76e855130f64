import type { BenchResults } from './results.ts';
import { VENDOR_LATENCY_MS } from './scenarios/cold-path.ts';
import type { ScenarioResult } from './scenarios/types.ts';
import { ratio, THRESHOLDS } from './targets.ts';

/**
 * A hand-written SVG chart of a run (no chart library): throughput of every scenario, the target
 * ratios against their thresholds, and latency against the latency targets. Bars are medians,
 * whiskers span the range over rounds, dashed red lines are targets. Throughput and latency span
 * orders of magnitude (B0 against B4), so those panels use a log scale.
 */

const WIDTH = 860;
const LABEL = 290;
const BAR = 440;
const ROW = 24;
const COLORS = { bar: '#4c78a8', light: '#c6d6ea', target: '#e45756', grid: '#e5e5e5', text: '#222', muted: '#666' };

const escapeXml = (text: string): string =>
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

interface Scale {
  x(value: number): number;
  ticks: number[];
}

function linear(max: number): Scale {
  const top = max * 1.1;
  const step = top > 2 ? 1 : 0.5;
  const ticks = Array.from({ length: Math.floor(top / step) + 1 }, (_, index) => index * step);
  return { x: (value) => LABEL + (Math.max(0, value) / top) * BAR, ticks };
}

function logarithmic(min: number, max: number): Scale {
  const low = Math.floor(Math.log10(Math.max(min, 0.1)));
  const high = Math.log10(max) + 0.15;
  const x = (value: number) => LABEL + ((Math.log10(Math.max(value, 10 ** low)) - low) / (high - low)) * BAR;
  const ticks = Array.from({ length: Math.floor(high) - low + 1 }, (_, index) => 10 ** (low + index));
  return { x, ticks };
}

function panel(title: string, note: string, rows: Row[], scale: Scale, top: number): { svg: string; height: number } {
  const { x } = scale;
  const bottom = top + 28 + rows.length * ROW;
  const parts = [
    `<text x="10" y="${top + 16}" font-weight="bold" fill="${COLORS.text}">${escapeXml(title)}</text>`,
    `<text x="${WIDTH - 10}" y="${top + 16}" text-anchor="end" fill="${COLORS.muted}">${escapeXml(note)}</text>`,
  ];
  for (const tick of scale.ticks) {
    parts.push(
      `<line x1="${x(tick).toFixed(1)}" x2="${x(tick).toFixed(1)}" y1="${top + 24}" y2="${bottom}" stroke="${COLORS.grid}"/>`,
      `<text x="${x(tick).toFixed(1)}" y="${bottom + 12}" text-anchor="middle" font-size="10" fill="${COLORS.muted}">${escapeXml(fmt(tick))}</text>`,
    );
  }
  rows.forEach((row, index) => {
    const y = top + 28 + index * ROW;
    parts.push(
      `<text x="${LABEL - 8}" y="${y + 13}" text-anchor="end" fill="${COLORS.text}">${escapeXml(row.label)}</text>`,
    );
    if (row.behind !== undefined && Number.isFinite(row.behind))
      parts.push(
        `<rect x="${LABEL}" y="${y + 2}" width="${(x(row.behind) - LABEL).toFixed(1)}" height="14" fill="${COLORS.light}"/>`,
      );
    if (Number.isFinite(row.median)) {
      parts.push(
        `<rect x="${LABEL}" y="${y + 2}" width="${(x(row.median) - LABEL).toFixed(1)}" height="14" fill="${COLORS.bar}"/>`,
        `<line x1="${x(row.min).toFixed(1)}" x2="${x(row.max).toFixed(1)}" y1="${y + 9}" y2="${y + 9}" stroke="${COLORS.text}" stroke-width="1.5"/>`,
      );
    }
    if (row.target !== undefined)
      parts.push(
        `<line x1="${x(row.target).toFixed(1)}" x2="${x(row.target).toFixed(1)}" y1="${y}" y2="${y + 18}" stroke="${COLORS.target}" stroke-width="2" stroke-dasharray="3,2"/>`,
      );
    const end = Math.max(
      x(row.max),
      row.behind !== undefined ? x(row.behind) : 0,
      row.target !== undefined ? x(row.target) : 0,
    );
    const text = row.behind !== undefined ? `${fmt(row.median)} / ${fmt(row.behind)}` : fmt(row.median);
    parts.push(`<text x="${(end + 6).toFixed(1)}" y="${y + 13}" fill="${COLORS.muted}">${escapeXml(text)}</text>`);
  });
  return { svg: parts.join('\n'), height: bottom - top + 20 };
}

export function renderSvg(results: BenchResults): string {
  const get = (id: string): ScenarioResult | undefined => results.scenarios.find((scenario) => scenario.id === id);

  const throughput: Row[] = ['B0', 'B1', 'B2', 'B3', 'B3u', 'B3h', 'B4a', 'B4b', 'B5a', 'B5b'].flatMap((id) => {
    const scenario = get(id);
    return scenario ? [{ label: `${id} ${scenario.role}`, ...scenario.summary.rps }] : [];
  });

  const ratios: Row[] = (
    [
      ['B2 / B1: our hot path against the framework', 'B2', 'B1', THRESHOLDS.hotPathRatio],
      ['B5a / B5b: our client against the SDK', 'B5a', 'B5b', THRESHOLDS.sdkRatio],
      ['B1 / B0: the Apollo tax (reported)', 'B1', 'B0', undefined],
    ] as const
  ).flatMap(([label, numerator, denominator, target]) => {
    const value = ratio(get(numerator), get(denominator));
    if (!value) return [];
    return [target === undefined ? { label, ...value } : { label, ...value, target }];
  });

  const latencyTarget: Record<string, number> = {
    B3: VENDOR_LATENCY_MS + THRESHOLDS.coldP50AddedMs,
    B4a: 2 * VENDOR_LATENCY_MS + THRESHOLDS.batchP50AddedMs,
    B4b: 2 * VENDOR_LATENCY_MS + THRESHOLDS.batchP50AddedMs,
  };
  const latency: Row[] = ['B3', 'B3u', 'B3h', 'B4a', 'B4b'].flatMap((id) => {
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

  const values = (rows: Row[]) =>
    rows.flatMap((row) => [row.min, row.max, row.behind ?? row.max, row.target ?? row.max]);
  const panels: [string, string, Row[], (rows: Row[]) => Scale][] = [
    [
      'Throughput (req/s, log scale)',
      'median, whisker = range over rounds',
      throughput,
      (rows) => logarithmic(Math.min(...values(rows)), Math.max(...values(rows))),
    ],
    ['Throughput ratios, round by round', 'dashed = target', ratios, (rows) => linear(Math.max(...values(rows)))],
    [
      `Latency with vendors ${VENDOR_LATENCY_MS} ms away (ms, log scale)`,
      'p50 dark / p99 light, dashed = p50 target',
      latency,
      (rows) => logarithmic(Math.min(...values(rows)), Math.max(...values(rows))),
    ],
  ];
  let top = 44;
  const bodies: string[] = [];
  for (const [title, note, rows, scale] of panels) {
    if (rows.length === 0) continue;
    const drawn = panel(title, note, rows, scale(rows), top);
    bodies.push(drawn.svg);
    top += drawn.height + 10;
  }
  const { machine } = results;
  const caption = `${machine.cpuModel}, ${machine.cores} cores shared by load generator, server and simulator; Node ${machine.node}; commit ${machine.commit}; ${results.startedAt.slice(0, 10)}`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${top}" viewBox="0 0 ${WIDTH} ${top}" font-family="system-ui, sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="10" y="20" font-size="15" font-weight="bold" fill="${COLORS.text}">Device-intelligence subgraph benchmark (${results.mode} run)</text>`,
    `<text x="10" y="36" fill="${COLORS.muted}">${escapeXml(caption)}</text>`,
    ...bodies,
    '</svg>',
    '',
  ].join('\n');
}
