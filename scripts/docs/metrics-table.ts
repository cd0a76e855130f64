import type { MetricObject } from 'prom-client';
import { METRIC_PREFIX, Metrics } from '../../src/observability/metrics.ts';

/**
 * docs/operations.md's table of the metrics `/metrics` exposes: name, type, labels and help text,
 * read from a fresh registry, so a metric cannot be added, renamed or dropped without the table
 * following.
 */

/** prom-client keeps each metric's label names on the instance; its typings leave them out. */
type Registered = MetricObject & { labelNames?: readonly string[] };

export function metricsTable(): string {
  const metrics: Registered[] = new Metrics().registry.getMetricsAsArray();
  const ours = metrics.filter((metric) => metric.name.startsWith(METRIC_PREFIX));
  const rows = ours.map((metric) => {
    const labels = (metric.labelNames ?? []).map((label) => `\`${label}\``).join(', ');
    return `| \`${metric.name}\` | ${metric.type} | ${labels} | ${metric.help} |`;
  });
  const defaults = [
    ...new Set(
      metrics.filter((metric) => !metric.name.startsWith(METRIC_PREFIX)).map((m) => `${m.name.split('_')[0]}_*`),
    ),
  ];
  if (defaults.length > 0) {
    const names = defaults.map((name) => `\`${name}\``).join(', ');
    rows.push(`| ${names} | | | prom-client's default process metrics (CPU, memory, event-loop lag, GC) |`);
  }
  return ['| metric | type | labels | what it measures |', '| --- | --- | --- | --- |', ...rows].join('\n');
}
