import type { IncomingMessage, ServerResponse } from 'node:http';
import { createCorsPolicy } from './cors.ts';
import { createRouterAuth } from './router-auth.ts';

/**
 * What runs before any routing: CORS (a browser's preflight never carries the router secret, so it
 * is answered first) and router-only access. The HTTP server calls it once per request.
 */
export interface GuardOptions {
  routerSecrets: readonly string[];
  routerSecretHeader: string;
  corsOrigins: readonly string[];
}

/** True when the guard answered the request itself (a preflight, or 401). */
export type RequestGuard = (request: IncomingMessage, response: ServerResponse, pathname: string) => boolean;

export function createRequestGuard(options: GuardOptions): RequestGuard {
  const cors = createCorsPolicy(options.corsOrigins);
  const authorized = createRouterAuth({ secrets: options.routerSecrets, header: options.routerSecretHeader });
  return (request, response, pathname) => {
    if (cors(request, response)) return true;
    if (authorized(request, pathname)) return false;
    const body = JSON.stringify({ errors: [{ message: 'Unauthorized', extensions: { code: 'UNAUTHENTICATED' } }] });
    response.writeHead(401, {
      // Whatever body follows is not read: close rather than drain it for an unknown caller.
      connection: 'close',
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
    });
    response.end(body);
    return true;
  };
}
