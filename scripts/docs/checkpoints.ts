import { readFileSync } from 'node:fs';
import { VENDOR_REGISTRY } from '../../src/vendors/registry.ts';

/** docs/checkpoints.md's worked policy file: the one examples/bff runs with, as it is. */
export function workedPolicy(): string {
  const text = readFileSync(new URL('../../examples/bff/risk-policy.yaml', import.meta.url), 'utf8');
  return ['```yaml', text.trimEnd(), '```'].join('\n');
}

/** What a checkpoint may set besides the `RISK_POLICY` fields: the lists, and each vendor's options. */
export function checkpointFields(): string {
  const rows = [
    '| `allow` | `{ "deviceIds": [...], "ipRanges": [...] }`: a match makes the action `ALLOW` (reason `ALLOWLISTED`), unless the deny list matches too |',
    '| `deny` | the same: a match makes the action `BLOCK` (reason `DENYLISTED`), over everything else |',
    ...VENDOR_REGISTRY.descriptors.flatMap((vendor) =>
      Object.entries(vendor.checkpointOptions ?? {}).map(
        ([name, option]) => `| \`${name}\` | ${vendor.displayName}: ${option.description} |`,
      ),
    ),
  ];
  return ['| field | what it does |', '| --- | --- |', ...rows].join('\n');
}
