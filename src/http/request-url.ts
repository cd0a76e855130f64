/**
 * The request target as a URL. Node accepts absolute-form targets that WHATWG URL rejects
 * (`GET http://[ HTTP/1.1`); those are the client's error, not ours, so they get undefined here
 * and a 400 from the server instead of an unhandled exception.
 */
export function parseRequestUrl(target: string | undefined): URL | undefined {
  try {
    return new URL(target ?? '/', 'http://localhost');
  } catch {
    return undefined;
  }
}
