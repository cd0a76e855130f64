import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type ApolloServer, type BaseContext, HeaderMap, type HTTPGraphQLRequest } from '@apollo/server';
import type { Logger } from '../logger.ts';
import { BodyTooLargeError, RequestAbortedError, readBody } from './body.ts';
import type { RequestGuard } from './guard.ts';
import { type RequestLifetime, requestLifetime } from './lifetime.ts';
import { parseRequestUrl } from './request-url.ts';

/** One endpoint's handling of a request. */
export type RouteHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

export interface Readiness {
  ready: boolean;
  body: unknown;
}

export interface HttpServerOptions<Context extends BaseContext> {
  apollo: ApolloServer<Context>;
  /** Builds the GraphQL context; `lifetime` aborts at the request deadline or when the client goes away. */
  context: (request: IncomingMessage, lifetime: RequestLifetime) => Promise<Context>;
  /** Deadline of one GraphQL request. */
  requestDeadlineMs: number;
  maxBodyBytes: number;
  readiness: () => Promise<Readiness>;
  logger: Logger;
  /** More endpoints by exact path (for example `/metrics`). */
  routes?: ReadonlyMap<string, RouteHandler>;
  /**
   * Endpoints that authenticate every request themselves (webhooks check the vendor's signature),
   * by path: routed before the guard, so neither CORS nor `ROUTER_SECRET` applies to them.
   * Undefined for every other path.
   */
  selfAuthenticated?: (pathname: string) => RouteHandler | undefined;
  /** Wraps the handling of every request (request id, logs, metrics, traces, drain accounting). */
  observe?: (request: IncomingMessage, response: ServerResponse, handle: () => Promise<void>) => Promise<void>;
  /** CORS and router-only access, before any routing (see guard.ts). */
  guard?: RequestGuard;
}

export const GRAPHQL_PATHS: ReadonlySet<string> = new Set(['/', '/graphql']);

export function createHttpServer<Context extends BaseContext>(options: HttpServerOptions<Context>): Server {
  const server = createServer((request, response) => {
    serve(options, request, response).catch((error: unknown) => {
      options.logger.error({ err: error }, 'unhandled error while serving a request');
      if (!response.headersSent) sendJson(response, 500, errorBody('Internal server error', 'INTERNAL_SERVER_ERROR'));
      else response.destroy();
    });
  });
  // A slow client must not hold a socket forever (slowloris); keep-alive stays cheap for routers.
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  server.keepAliveTimeout = 5_000;
  return server;
}

function serve<Context extends BaseContext>(
  options: HttpServerOptions<Context>,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const handle = () => route(options, request, response);
  return options.observe ? options.observe(request, response, handle) : handle();
}

async function route<Context extends BaseContext>(
  options: HttpServerOptions<Context>,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const url = parseRequestUrl(request.url);
  if (!url) return sendJson(response, 400, errorBody('Malformed request target', 'BAD_REQUEST'));
  const ownAccessControl = options.selfAuthenticated?.(url.pathname);
  if (ownAccessControl) return ownAccessControl(request, response);
  if (options.guard?.(request, response, url.pathname)) return;
  if (url.pathname === '/healthz') return sendJson(response, 200, { status: 'ok' });
  if (url.pathname === '/readyz') {
    const readiness = await options.readiness();
    return sendJson(response, readiness.ready ? 200 : 503, readiness.body);
  }
  const extra = options.routes?.get(url.pathname);
  if (extra) return extra(request, response);
  if (GRAPHQL_PATHS.has(url.pathname)) return serveGraphQL(options, request, response, url);
  sendJson(response, 404, errorBody('Not found', 'NOT_FOUND'));
}

async function serveGraphQL<Context extends BaseContext>(
  options: HttpServerOptions<Context>,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<void> {
  const lifetime = requestLifetime(response, options.requestDeadlineMs);

  let text: string;
  try {
    text = await readBody(request, options.maxBodyBytes);
  } catch (error) {
    if (error instanceof RequestAbortedError) return;
    if (!(error instanceof BodyTooLargeError)) throw error;
    response.setHeader('connection', 'close');
    return sendJson(
      response,
      413,
      errorBody(`Request body larger than ${options.maxBodyBytes} bytes`, 'PAYLOAD_TOO_LARGE'),
    );
  }

  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  let body: unknown = text;
  if (text !== '' && /\bjson\b/i.test(headers.get('content-type') ?? '')) {
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      return sendJson(response, 400, errorBody('Request body is not valid JSON', 'BAD_REQUEST'));
    }
  }
  const httpGraphQLRequest: HTTPGraphQLRequest = {
    method: (request.method ?? 'GET').toUpperCase(),
    headers,
    search: url.search,
    body,
  };
  const result = await options.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest,
    context: () => options.context(request, lifetime),
  });
  for (const [name, value] of result.headers) response.setHeader(name, value);
  response.statusCode = result.status ?? 200;
  if (result.body.kind === 'complete') {
    response.end(result.body.string);
    return;
  }
  for await (const chunk of result.body.asyncIterator) response.write(chunk);
  response.end();
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

/** The body of an answer refused outside GraphQL, shaped like a GraphQL error response. */
export function errorBody(message: string, code: string) {
  return { errors: [{ message, extensions: { code } }] };
}
