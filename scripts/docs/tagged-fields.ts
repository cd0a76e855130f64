import { type ConstDirectiveNode, Kind } from 'graphql';
import { loadTypeDefs } from '../../src/graphql/schema.ts';

/**
 * The fields the schema tags `@tag(name: …)`, per type, in schema order: docs/security.md lists
 * the `pii` ones, docs/federation.md the `internal` ones.
 */

const hasTag = (directives: readonly ConstDirectiveNode[] | undefined, tag: string) =>
  (directives ?? []).some(
    (directive) =>
      directive.name.value === 'tag' &&
      directive.arguments?.some(
        (argument) =>
          argument.name.value === 'name' && argument.value.kind === Kind.STRING && argument.value.value === tag,
      ),
  );

/** `Type` → its fields tagged `tag`. */
export function fieldsTagged(tag: string): Map<string, string[]> {
  const tagged = new Map<string, string[]>();
  for (const definition of loadTypeDefs().definitions) {
    if (
      definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.OBJECT_TYPE_EXTENSION &&
      definition.kind !== Kind.INTERFACE_TYPE_DEFINITION &&
      definition.kind !== Kind.INPUT_OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.INPUT_OBJECT_TYPE_EXTENSION
    ) {
      continue;
    }
    const fields = (definition.fields ?? []).filter((field) => hasTag(field.directives, tag));
    if (fields.length === 0) continue;
    const type = definition.name.value;
    tagged.set(type, [...(tagged.get(type) ?? []), ...fields.map((field) => field.name.value)]);
  }
  return tagged;
}

export function taggedFields(tag: string): string {
  const rows = [...fieldsTagged(tag)].map(
    ([type, fields]) => `| \`${type}\` | ${fields.map((field) => `\`${field}\``).join(', ')} |`,
  );
  return [`| type | fields tagged \`${tag}\` |`, '| --- | --- |', ...rows].join('\n');
}
