import type { MergeRules } from '../../src/model/merge.ts';
import { ACTION_RULES, BOT_RULES, DEVICE_RULES, IP_RULES, VELOCITY_RULES } from '../../src/model/merge-rules.ts';
import { VENDOR_REGISTRY, VENDORS } from '../../src/vendors/registry.ts';

/**
 * docs/vendors.md's vendor matrix, generated from the merge rules so the documentation cannot drift
 * from the code: one row per unified field, the vendors that can supply it numbered in the order
 * they win, and why.
 */

const TABLES: [string, MergeRules<object>][] = [
  ['Event', ACTION_RULES],
  ['Device', DEVICE_RULES],
  ['IpInfo', IP_RULES],
  ['Velocity', VELOCITY_RULES],
  ['BotVerdict', BOT_RULES],
];

export function vendorMatrix(): string {
  const header = `| field | ${VENDORS.map((vendor) => VENDOR_REGISTRY.displayName(vendor)).join(' | ')} | merge | why |`;
  const rule = `|---|${VENDORS.map(() => ':-:').join('|')}|---|---|`;
  const rows = TABLES.flatMap(([type, rules]) =>
    Object.entries(rules).map(([field, { sources, combine, why }]) => {
      const cells = VENDORS.map((vendor) => {
        const rank = sources.indexOf(vendor);
        return rank < 0 ? '' : String(rank + 1);
      });
      const merge =
        combine === 'any'
          ? 'any says true'
          : typeof combine === 'object'
            ? `as \`${combine.follows}\``
            : 'first in order';
      return `| \`${type}.${field}\` | ${cells.join(' | ')} | ${merge} | ${why} |`;
    }),
  );
  const fixed = [
    `| \`Event.riskLabels\`, \`Event.risk\` | ${VENDORS.map(() => '✓').join(' | ')} | all labels | Every vendor's labels count; see "Risk taxonomy". |`,
    `| \`Event.<vendor view>\` | ${VENDORS.map(() => '✓').join(' | ')} | one each | ${VENDOR_REGISTRY.descriptors.map((vendor) => `\`${vendor.view.field}\``).join(', ')} call only their vendor. |`,
  ];
  return [header, rule, ...rows, ...fixed].join('\n');
}
