import { GraphQLError } from 'graphql';
import type { VendorError } from '../vendors/errors.ts';

/**
 * GraphQL errors this subgraph raises itself. Every one carries a stable `extensions.code`; the
 * README lists them all.
 */
export function badUserInput(message: string, argument?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...(argument ? { argument } : {}) } });
}

export function vendorFailure(error: VendorError): GraphQLError {
  return new GraphQLError(error.message, { extensions: { code: error.code, vendor: error.vendor } });
}
