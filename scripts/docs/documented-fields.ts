import type { DocumentedField } from '../../src/vendors/descriptor.ts';
import { VENDOR_REGISTRY } from '../../src/vendors/registry.ts';

/**
 * Per vendor, every response field it documents and where it goes, from each descriptor's
 * `fields` (src/vendors/<vendor>/fields.ts). test/unit/vendors/documented-fields.test.ts holds
 * those tables to the schema, the merge rules and the views.
 */
export function documentedFields(): string {
  return VENDOR_REGISTRY.descriptors
    .map((vendor) =>
      [
        `### ${vendor.displayName}`,
        '',
        `${vendor.fields.length} documented fields ([its documentation](${vendor.documentation})).`,
        '',
        '| field | goes to |',
        '|---|---|',
        ...vendor.fields.map((field) => `| \`${field.path}\` | ${destination(field)} |`),
      ].join('\n'),
    )
    .join('\n\n');
}

function destination(field: DocumentedField): string {
  if (field.dropped) return `dropped: ${field.dropped}`;
  const code = (names: readonly string[] | undefined) => (names ?? []).map((name) => `\`${name}\``).join(', ');
  return [
    field.model?.length ? `model ${code(field.model)}` : '',
    field.labels?.length ? `labels ${code(field.labels)}` : '',
    field.view?.length ? `view ${code(field.view)}` : '',
  ]
    .filter(Boolean)
    .join('; ');
}
