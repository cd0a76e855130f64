import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from '../logger.ts';
import { VENDOR_ERROR_CODES } from '../vendors/errors.ts';

/**
 * Codes whose messages are written for clients and may pass through. Anything else is an
 * unexpected failure: the client gets a generic message (no stack, no internals) and the log keeps
 * the detail. The README documents every code.
 */
export const CLIENT_ERROR_CODES: ReadonlySet<string> = new Set([
  ...VENDOR_ERROR_CODES,
  'BAD_USER_INPUT',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

export function createErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.['code'];
    if (typeof code === 'string' && CLIENT_ERROR_CODES.has(code)) {
      const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    logger.error({ err: error, path: formatted.path }, 'unexpected error while resolving a query');
    return {
      message: 'Internal server error',
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
