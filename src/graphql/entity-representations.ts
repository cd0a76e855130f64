import { type GraphQLSchema, isUnionType } from 'graphql';
import { badUserInput } from './errors.ts';

/**
 * `_entities(representations: [_Any!]!)` takes anything: `_Any` does no checking. @apollo/subgraph
 * throws a plain Error for a representation whose `__typename` is not an entity of ours (so the
 * client would see INTERNAL_SERVER_ERROR for its own mistake) and hands anything else to
 * `__resolveReference`. This wrapper refuses malformed representations as BAD_USER_INPUT first;
 * each entity's `__resolveReference` validates its key fields.
 */
export function guardEntityRepresentations(schema: GraphQLSchema): GraphQLSchema {
  const field = schema.getQueryType()?.getFields()['_entities'];
  const union = schema.getType('_Entity');
  if (!field?.resolve || !isUnionType(union)) return schema;
  const entityTypes = new Set(union.getTypes().map((type) => type.name));
  const expected = [...entityTypes].join(' or ');
  const resolve = field.resolve;
  field.resolve = (source, args: Record<string, unknown>, context, info) => {
    const representations = args['representations'];
    if (Array.isArray(representations)) {
      for (const [index, representation] of representations.entries()) {
        const typename: unknown =
          typeof representation === 'object' && representation !== null
            ? (representation as { __typename?: unknown }).__typename
            : undefined;
        if (typeof typename !== 'string' || !entityTypes.has(typename)) {
          throw badUserInput(
            `representations[${index}] must be an object whose __typename is ${expected}`,
            'representations',
          );
        }
      }
    }
    return resolve(source, args, context, info);
  };
  return schema;
}
