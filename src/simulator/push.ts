/**
 * Outgoing requests of the simulator: the webhooks a vendor pushes. They only ever go to this
 * machine (a loopback host), so the simulator stays something that never calls out.
 */

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]']);

/** How long a receiver may take to answer (Fingerprint gives a webhook 3 seconds). */
const PUSH_TIMEOUT_MS = 5000;

export interface PushAnswer {
  status: number;
  body: string;
}

/** The receiver's URL when it is an http(s) URL on a loopback host; a TypeError naming the problem otherwise. */
export function loopbackUrl(target: string): URL {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new TypeError('url must be an absolute http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError('url must be an http(s) URL');
  if (!LOOPBACK_HOSTS.has(url.hostname) && !/^127\.\d+\.\d+\.\d+$/.test(url.hostname)) {
    throw new TypeError(
      'url must be on a loopback host (127.0.0.1, localhost or [::1]): the simulator never calls out',
    );
  }
  return url;
}

/** POSTs `body` with `headers` and returns the receiver's answer; rejects when it cannot be reached in time. */
export async function push(
  target: string,
  body: Buffer,
  headers: Readonly<Record<string, string>>,
): Promise<PushAnswer> {
  const response = await fetch(loopbackUrl(target), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: new Uint8Array(body),
    signal: AbortSignal.timeout(PUSH_TIMEOUT_MS),
    redirect: 'manual',
  });
  return { status: response.status, body: await response.text() };
}
