import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * CORS, closed by default: without `CORS_ORIGINS` no response carries CORS headers, so browsers on
 * other origins cannot read answers or send JSON (the preflight fails). Listed origins may call
 * directly; see docs/security.md for when that is acceptable.
 */

/** Request headers a browser client of this subgraph legitimately sends. */
const ALLOWED_HEADERS = [
  'content-type',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'apollographql-client-name',
  'apollographql-client-version',
].join(', ');

/** Adds CORS headers for allowed origins; true when it answered a preflight itself. */
export type CorsPolicy = (request: IncomingMessage, response: ServerResponse) => boolean;

export function createCorsPolicy(origins: readonly string[]): CorsPolicy {
  if (origins.length === 0) return () => false;
  const allowed = new Set(origins);
  return (request, response) => {
    // Answers differ per Origin once CORS is on: shared caches must key on it.
    response.setHeader('vary', 'Origin');
    const origin = request.headers.origin;
    if (typeof origin !== 'string' || !allowed.has(origin)) return false;
    response.setHeader('access-control-allow-origin', origin);
    const preflight = request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined;
    if (!preflight) return false;
    response.writeHead(204, {
      'access-control-allow-methods': 'GET, POST',
      'access-control-allow-headers': ALLOWED_HEADERS,
      'access-control-max-age': '600',
      'content-length': '0',
    });
    response.end();
    return true;
  };
}
