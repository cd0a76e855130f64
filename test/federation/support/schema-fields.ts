import {
  type ConstDirectiveNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  isObjectType,
  valueFromASTUntyped,
} from 'graphql';

/** Reading the directives the SDL puts on a schema's types, fields and arguments. */

export function directive(
  node: { astNode?: { directives?: readonly ConstDirectiveNode[] } | null | undefined },
  name: string,
): ConstDirectiveNode | undefined {
  return node.astNode?.directives?.find((each) => each.name.value === name);
}

export function argument(node: ConstDirectiveNode | undefined, name: string): unknown {
  const value = node?.arguments?.find((each) => each.name.value === name)?.value;
  return value ? valueFromASTUntyped(value) : undefined;
}

/** Every field of our own object types (federation's `_Service` and the root `_` fields excluded). */
export function ownFields(schema: GraphQLSchema): [GraphQLObjectType, GraphQLField<unknown, unknown>][] {
  return Object.values(schema.getTypeMap())
    .filter((type): type is GraphQLObjectType => isObjectType(type) && !type.name.startsWith('_'))
    .flatMap((type) =>
      Object.values(type.getFields())
        .filter((field) => !field.name.startsWith('_'))
        .map((field): [GraphQLObjectType, GraphQLField<unknown, unknown>] => [type, field]),
    );
}
