import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Router-only access. A subgraph answers `_service { sdl }` and `_entities` to anyone who can reach
 * it, whatever introspection says, so when `ROUTER_SECRET` is set every request must carry it in a
 * header the router adds (Apollo Router `headers: insert`, Gateway `willSendRequest`).
 */

/** Paths that load balancers, orchestrators and Prometheus reach without the secret. */
export const OPEN_PATHS: ReadonlySet<string> = new Set(['/healthz', '/readyz', '/metrics']);

export interface RouterAuthOptions {
  /** Accepted secrets (current, and the previous one during a rotation). Empty: no check. */
  secrets: readonly string[];
  /** Lower-case header name. */
  header: string;
}

/** True when the request may proceed: the path is open, no secret is configured, or the header matches. */
export type RouterAuth = (request: IncomingMessage, pathname: string) => boolean;

export function createRouterAuth(options: RouterAuthOptions): RouterAuth {
  if (options.secrets.length === 0) return () => true;
  const matches = secretMatcher(options.secrets);
  return (request, pathname) => {
    if (OPEN_PATHS.has(pathname)) return true;
    const presented = request.headers[options.header];
    return typeof presented === 'string' && matches(presented);
  };
}

/**
 * Compares in constant time. Both sides are hashed first so the comparison never depends on the
 * secret's length or on where the first differing byte is, and every configured secret is checked
 * (no early exit) so rotation does not add a timing signal either.
 */
export function secretMatcher(secrets: readonly string[]): (presented: string) => boolean {
  const expected = secrets.map(digest);
  return (presented) => {
    const candidate = digest(presented);
    let matched = false;
    for (const secret of expected) matched = timingSafeEqual(candidate, secret) || matched;
    return matched;
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
