import { type ConstDirectiveNode, Kind } from 'graphql';
import { loadTypeDefs } from '../../src/graphql/schema.ts';

/**
 * The fields the schema marks with a directive, per type, in schema order: docs/security.md lists
 * the ones tagged `pii`, docs/federation.md those tagged `internal` and those a router restricts
 * with `@requiresScopes`.
 */

type Directives = readonly ConstDirectiveNode[] | undefined;

const hasTag = (directives: Directives, tag: string) =>
  (directives ?? []).some(
    (directive) =>
      directive.name.value === 'tag' &&
      directive.arguments?.some(
        (argument) =>
          argument.name.value === 'name' && argument.value.kind === Kind.STRING && argument.value.value === tag,
      ),
  );

const requiresScopes = (directives: Directives) =>
  (directives ?? []).some((directive) => directive.name.value === 'requiresScopes');

/** `Type` → its fields whose directives `match`. */
function fieldsWhere(match: (directives: Directives) => boolean): Map<string, string[]> {
  const found = new Map<string, string[]>();
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
    const fields = (definition.fields ?? []).filter((field) => match(field.directives));
    if (fields.length === 0) continue;
    const type = definition.name.value;
    found.set(type, [...(found.get(type) ?? []), ...fields.map((field) => field.name.value)]);
  }
  return found;
}

function table(heading: string, fields: Map<string, string[]>): string {
  const rows = [...fields].map(([type, names]) => `| \`${type}\` | ${names.map((name) => `\`${name}\``).join(', ')} |`);
  return [`| type | ${heading} |`, '| --- | --- |', ...rows].join('\n');
}

export function taggedFields(tag: string): string {
  return table(
    `fields tagged \`${tag}\``,
    fieldsWhere((directives) => hasTag(directives, tag)),
  );
}

export function scopedFields(): string {
  return table('fields with `@requiresScopes(scopes: [["pii:read"]])`', fieldsWhere(requiresScopes));
}
