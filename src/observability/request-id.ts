import { randomUUID } from 'node:crypto';

/** The header a router or load balancer uses to correlate one request across services. */
export const REQUEST_ID_HEADER = 'x-request-id';

// Short and free of anything that could forge log structure or smuggle data into logs.
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** The caller's request id when it is a short safe string; otherwise a new one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && SAFE_REQUEST_ID.test(value) ? value : randomUUID();
}
