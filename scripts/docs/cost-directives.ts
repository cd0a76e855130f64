import { type ConstDirectiveNode, Kind, print } from 'graphql';
import { loadTypeDefs } from '../../src/graphql/schema.ts';

/**
 * docs/federation.md's table of the demand-control directives in the schema: every type and field
 * with `@cost` or `@listSize`, in schema order, with their arguments as written.
 */

function directive(directives: readonly ConstDirectiveNode[] | undefined, name: string): string {
  const found = (directives ?? []).find((candidate) => candidate.name.value === name);
  if (!found) return '';
  const args = (found.arguments ?? []).map((argument) => `${argument.name.value}: ${print(argument.value)}`);
  return `\`${args.join(', ')}\``;
}

export function costDirectives(): string {
  const rows: string[] = [];
  const row = (name: string, directives: readonly ConstDirectiveNode[] | undefined) => {
    const cost = directive(directives, 'cost');
    const listSize = directive(directives, 'listSize');
    if (cost || listSize) rows.push(`| ${name} | ${cost} | ${listSize} |`);
  };
  for (const definition of loadTypeDefs().definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    const type = definition.name.value;
    row(`\`${type}\` (the type)`, definition.directives);
    for (const field of definition.fields ?? []) row(`\`${type}.${field.name.value}\``, field.directives);
  }
  return ['| where | `@cost` | `@listSize` |', '| --- | --- | --- |', ...rows].join('\n');
}
