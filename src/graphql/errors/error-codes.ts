import { VENDOR_ERROR_CODES, type VendorErrorCode } from '../../vendors/errors.ts';
import { QUERY_LIMIT_CODE } from '../guards/query-limits.ts';

/**
 * Every `errors[].extensions.code` a client can receive, in one place. docs/security.md's
 * error-code table is generated from this list, and the fuzz suite fails on any code outside it.
 */

export interface ErrorCodeDoc {
  code: string;
  /** HTTP status of a response carrying only this error (200 for field errors beside data). */
  status: string;
  meaning: string;
}

const VENDOR_MEANINGS: Record<VendorErrorCode, string> = {
  VENDOR_NOT_CONFIGURED: 'The vendor has no credentials in this deployment.',
  VENDOR_TIMEOUT: 'The vendor did not answer within the request deadline.',
  VENDOR_RATE_LIMITED: 'The vendor, or our own rate limiter for it, refused the call for now.',
  VENDOR_QUOTA_EXCEEDED: "The account's plan quota with the vendor is exhausted.",
  VENDOR_AUTH_FAILED: 'The vendor rejected our credentials: a deployment problem, not the caller.',
  VENDOR_UNAVAILABLE: 'The vendor failed or is unreachable, or its circuit breaker is open.',
  VENDOR_BAD_RESPONSE: 'The vendor answered something we could not understand.',
  VENDOR_PARTIAL_RESPONSE:
    'The vendor answered, but parts of its answer failed (the message names them); the other parts are in the response.',
  TOKEN_NOT_FOUND: 'The vendor does not know the token.',
  TOKEN_INVALID: 'The vendor rejected the token as malformed or foreign.',
  TOKEN_EXPIRED: 'The token expired before it was used; ask the client for a fresh one.',
  VENDOR_RETRY_LATER:
    'The vendor cannot do it yet and says to try again in a few seconds (for example an event updated right after it was created).',
  VENDOR_RULESET_NOT_FOUND:
    'The vendor does not know the ruleset a checkpoint names: a deployment problem (fix the policy file), not the caller.',
};

export const ERROR_CODES: readonly ErrorCodeDoc[] = [
  ...VENDOR_ERROR_CODES.map((code) => ({ code, status: '200', meaning: VENDOR_MEANINGS[code] })),
  {
    code: 'BAD_USER_INPUT',
    status: '200 or 400',
    meaning:
      'An argument or variable is invalid (token format or length, IP syntax, Event or Device id, list too long, unknown checkpoint); `extensions.argument` names it when it is ours. No vendor was called.',
  },
  {
    code: QUERY_LIMIT_CODE,
    status: '400',
    meaning:
      'The query exceeds a limit, so nothing ran (`extensions.limit`: depth, aliases, tokens, directives, selections or cost; `extensions.max`).',
  },
  { code: 'GRAPHQL_PARSE_FAILED', status: '400', meaning: 'The query is not valid GraphQL syntax.' },
  { code: 'GRAPHQL_VALIDATION_FAILED', status: '400', meaning: 'The query does not match the schema.' },
  {
    code: 'BAD_REQUEST',
    status: '400, 405, 406 or 415',
    meaning:
      'The HTTP request is not a GraphQL request (bad JSON, batch, wrong method or content type, CSRF check), or a webhook delivery is not a JSON POST.',
  },
  { code: 'PERSISTED_QUERY_NOT_FOUND', status: '200', meaning: 'Automatic persisted query: send the full query.' },
  { code: 'PERSISTED_QUERY_NOT_SUPPORTED', status: '200', meaning: 'Persisted queries are off.' },
  { code: 'OPERATION_RESOLUTION_FAILURE', status: '400', meaning: 'The operation name does not match the document.' },
  {
    code: 'FORBIDDEN',
    status: '200',
    meaning:
      'The operation is turned off in this deployment (`reportOutcome` without `FEEDBACK_ENABLED`). Nothing was sent.',
  },
  {
    code: 'UNAUTHENTICATED',
    status: '401',
    meaning: "The router secret header is missing or wrong, or a webhook delivery's signature is.",
  },
  { code: 'NOT_FOUND', status: '404', meaning: 'No such path (a webhook endpoint whose secrets are not set is none).' },
  {
    code: 'PAYLOAD_TOO_LARGE',
    status: '413',
    meaning: "The request body exceeds `MAX_BODY_BYTES` (a webhook delivery's, its vendor's limit).",
  },
  {
    code: 'WEBHOOK_EVENT_UNREADABLE',
    status: '422',
    meaning: "A signed webhook delivery carries no event of its vendor's (nor a valid event id or timestamp).",
  },
  {
    code: 'SERVICE_UNAVAILABLE',
    status: '503',
    meaning: 'A webhook delivery could not be stored: the shared result cache is unreachable (the vendor retries).',
  },
  {
    code: 'INTERNAL_SERVER_ERROR',
    status: '200 or 500',
    meaning: 'An unexpected failure; the message is generic and the log has the detail.',
  },
];

/** The documented codes. */
export const DOCUMENTED_ERROR_CODES: ReadonlySet<string> = new Set(ERROR_CODES.map(({ code }) => code));

/** Codes produced by the HTTP front door or by masking, never passed through by the formatter. */
const NOT_FROM_GRAPHQL = new Set([
  'UNAUTHENTICATED',
  'NOT_FOUND',
  'PAYLOAD_TOO_LARGE',
  'WEBHOOK_EVENT_UNREADABLE',
  'SERVICE_UNAVAILABLE',
  'INTERNAL_SERVER_ERROR',
]);

/** Codes whose errors are written for clients and pass the formatter (messages still sanitized). */
export const CLIENT_ERROR_CODES: ReadonlySet<string> = new Set(
  ERROR_CODES.map(({ code }) => code).filter((code) => !NOT_FROM_GRAPHQL.has(code)),
);
