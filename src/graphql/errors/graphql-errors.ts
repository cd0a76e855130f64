import { GraphQLError } from 'graphql';
import type { VendorError } from '../../vendors/errors.ts';

/**
 * GraphQL errors this subgraph raises itself. Every one carries a stable `extensions.code`;
 * docs/security.md lists them all.
 *
 * `httpStatus` is for errors that reject the whole request before execution starts (Apollo Server
 * would answer 500 for them otherwise); field errors keep HTTP 200.
 */
export function badUserInput(message: string, argument?: string, httpStatus?: number): GraphQLError {
  return new GraphQLError(message, {
    extensions: {
      code: 'BAD_USER_INPUT',
      ...(argument ? { argument } : {}),
      ...(httpStatus ? { http: { status: httpStatus } } : {}),
    },
  });
}

export function vendorFailure(error: VendorError): GraphQLError {
  return new GraphQLError(error.message, { extensions: { code: error.code, vendor: error.vendor } });
}
