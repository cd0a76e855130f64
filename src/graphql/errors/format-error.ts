import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { QueryLimitSettings } from '../../config/security.ts';
import type { Logger } from '../../logger.ts';
import { limitExceeded, limitMessage, QUERY_LIMIT_CODE } from '../guards/query-limits.ts';
import { clientMessage } from './client-message.ts';
import { CLIENT_ERROR_CODES } from './error-codes.ts';

export { CLIENT_ERROR_CODES };

/** Extensions a client may see; anything else a library attached (stack traces, internals) is dropped. */
const CLIENT_EXTENSIONS = ['code', 'argument', 'vendor', 'limit', 'max'] as const;

export interface ErrorFormatterOptions {
  /** Keep graphql-js's "Did you mean …?" hints (development only by default). */
  schemaSuggestions?: boolean;
  /** The configured limits, to name the one a refused query exceeded. */
  limits?: QueryLimitSettings;
}

/**
 * The last step before errors leave: errors with a documented client code pass with a sanitized
 * message and only known extensions; anything else is an unexpected failure, so the client gets a
 * generic message (no stack, no internals) and the log keeps the detail. docs/security.md
 * documents every code (`error-codes.ts`).
 */
export function createErrorFormatter(logger: Logger, options: ErrorFormatterOptions = {}) {
  const suggestions = options.schemaSuggestions ?? false;
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const exceeded = options.limits ? limitExceeded(formatted, options.limits) : undefined;
    if (exceeded) {
      formatted = {
        message: limitMessage(exceeded.limit, exceeded.max),
        ...(formatted.locations ? { locations: formatted.locations } : {}),
        extensions: { code: QUERY_LIMIT_CODE, limit: exceeded.limit, max: exceeded.max },
      };
    }
    const code = isUncodedClientError(error) ? 'BAD_REQUEST' : formatted.extensions?.['code'];
    if (code === QUERY_LIMIT_CODE) {
      // Who sends oversized queries is worth knowing; the query is not logged (it may carry tokens).
      const { limit, max } = formatted.extensions ?? {};
      logger.info({ limit, max }, 'query refused by a limit');
    }
    if (typeof code === 'string' && CLIENT_ERROR_CODES.has(code)) {
      const extensions: Record<string, unknown> = { code };
      for (const key of CLIENT_EXTENSIONS) {
        const value = formatted.extensions?.[key];
        if (value !== undefined && key !== 'code') extensions[key] = value;
      }
      return {
        message: clientMessage(formatted.message, causeOf(error), { suggestions }),
        ...(formatted.locations ? { locations: formatted.locations } : {}),
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions,
      };
    }
    logger.error({ err: error, path: formatted.path }, 'unexpected error while resolving a query');
    return {
      message: 'Internal server error',
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}

/**
 * Apollo Server refuses some requests with a GraphQLError that has an HTTP 4xx status but no code
 * (an unsupported persisted query version, for one); without this they would be masked as
 * INTERNAL_SERVER_ERROR although the client is at fault.
 */
function isUncodedClientError(error: unknown): boolean {
  if (!(error instanceof GraphQLError) || error.extensions['code'] !== undefined) return false;
  const http = error.extensions['http'];
  const status = typeof http === 'object' && http !== null ? (http as { status?: unknown }).status : undefined;
  return typeof status === 'number' && status >= 400 && status < 500;
}

/** The message of the error graphql-js wrapped, when there is one (variable coercion keeps the reason there). */
function causeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('originalError' in error)) return undefined;
  const original: unknown = error.originalError;
  return original instanceof Error && original !== (error as unknown) ? original.message : undefined;
}
