import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../logger.ts';
import type { Metrics, OperationTypeLabel } from './metrics.ts';
import { REQUEST_ID_HEADER, requestIdFrom } from './request-id.ts';
import { type GraphQLOutcome, newRequestScope, type RequestScope, runInRequestScope } from './request-scope.ts';
import { ATTR, endSpan, requestParentContext, SpanKind, startSpan, withSpan } from './tracing.ts';

/** Wraps the handling of one HTTP request (the `observe` hook of the HTTP server). */
export type RequestObserver = (
  request: IncomingMessage,
  response: ServerResponse,
  handle: () => Promise<void>,
) => Promise<void>;

export interface RequestObserverOptions {
  metrics: Metrics;
  logger: Logger;
  /** Paths that serve GraphQL; other paths (health, metrics) get a request id and nothing else. */
  graphqlPaths: ReadonlySet<string>;
}

const OPERATION_TYPES: ReadonlySet<string> = new Set(['query', 'mutation', 'subscription']);

/**
 * Per GraphQL request: a request id (the caller's `x-request-id` when safe, echoed back), a span,
 * the request scope the inner layers fill in, and at the end one log line and one duration sample.
 *
 * The log line carries the id, operation type and name, HTTP status, outcome, duration and the
 * vendor outcomes. Never variables, tokens, IPs, headers, representations or query text.
 */
export function createRequestObserver(options: RequestObserverOptions): RequestObserver {
  const { metrics, logger, graphqlPaths } = options;
  return async (request, response, handle) => {
    const id = requestIdFrom(request.headers[REQUEST_ID_HEADER]);
    response.setHeader(REQUEST_ID_HEADER, id);
    if (!graphqlPaths.has(pathOf(request.url))) return handle();

    const scope = newRequestScope(id);
    const started = performance.now();
    const parent = requestParentContext(request.headers);
    const span = startSpan('graphql.request', SpanKind.INTERNAL, parent);
    metrics.graphqlInFlight.inc();
    try {
      await withSpan(span, () => runInRequestScope(scope, handle), parent);
    } catch (error) {
      finish(scope, response, 500); // the server answers 500 once this rejection reaches it
      throw error;
    }
    // The last byte is out (or the client left) when the response closes.
    if (response.closed) finish(scope, response, response.statusCode);
    else response.once('close', () => finish(scope, response, response.statusCode));

    function finish(scope: RequestScope, response: ServerResponse, status: number): void {
      const durationMs = performance.now() - started;
      metrics.graphqlInFlight.dec();
      const outcome = status >= 500 ? 'error' : outcomeOf(scope, response);
      const operationType: OperationTypeLabel =
        scope.operationType && OPERATION_TYPES.has(scope.operationType)
          ? (scope.operationType as OperationTypeLabel)
          : 'none';
      metrics.observeGraphQL(operationType, outcome, durationMs / 1000);
      endSpan(span, outcome === 'error', () => ({
        [ATTR.operationType]: operationType,
        ...(scope.operationName ? { [ATTR.operationName]: scope.operationName } : {}),
        [ATTR.httpStatus]: status,
        [ATTR.outcome]: outcome,
      }));
      // Built field by field, in the order the line shows them: the parts a request lacks are left out.
      const line: Record<string, unknown> = { requestId: scope.id, operationType };
      if (scope.operationName) line['operationName'] = scope.operationName;
      line['status'] = status;
      line['outcome'] = outcome;
      line['durationMs'] = Math.round(durationMs * 10) / 10;
      if (scope.vendors.size) line['vendors'] = Object.fromEntries(scope.vendors);
      if (scope.errorCodes.size) line['errorCodes'] = [...scope.errorCodes];
      if (status >= 500) logger.warn(line, 'graphql request');
      else logger.info(line, 'graphql request');
    }
  };
}

function outcomeOf(scope: RequestScope, response: ServerResponse): GraphQLOutcome {
  if (!response.writableFinished) return 'aborted';
  // No outcome from Apollo: the request was refused before execution (bad JSON, body too large, CSRF).
  if (scope.outcome === undefined) return response.statusCode >= 400 ? 'error' : 'ok';
  return scope.outcome;
}

function pathOf(url: string | undefined): string {
  const raw = url ?? '/';
  const query = raw.indexOf('?');
  return query === -1 ? raw : raw.slice(0, query);
}
