import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import { VendorError } from '../../src/vendors/errors.ts';

/**
 * A tiny vendor stand-in on 127.0.0.1 for client tests: records every request and answers with
 * whatever the test's handler returns. (The shared simulator in src/simulator is a separate piece.)
 */

export interface RecordedRequest {
  method: string;
  /** Path and query string, as received. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface StubReply {
  status: number;
  /** An object or array is sent as JSON; a string as-is (set `contentType` for anything but HTML). */
  body?: unknown;
  contentType?: string;
  headers?: Record<string, string>;
}

export interface Stub {
  url: string;
  requests: RecordedRequest[];
  /** Replaces the handler (one stub per test file, one behaviour per test). */
  reply(handler: (request: RecordedRequest) => StubReply): void;
  close(): Promise<void>;
}

export async function startStub(): Promise<Stub> {
  const requests: RecordedRequest[] = [];
  let handler: (request: RecordedRequest) => StubReply = () => ({ status: 500, body: 'no handler' });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request: RecordedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(request);
      const reply = handler(request);
      const json = typeof reply.body === 'object' && reply.body !== null;
      const body = json ? JSON.stringify(reply.body) : String(reply.body ?? '');
      res.writeHead(reply.status, {
        'content-type': reply.contentType ?? (json ? 'application/json' : 'text/html'),
        ...reply.headers,
      });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    reply(next) {
      handler = next;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Transport settings small enough for tests. */
export const TRANSPORT = { connections: 2, maxResponseBytes: 64 * 1024, socketTimeoutMs: 2_000 } as const;

/** The VendorError a call rejected with (fails the test if it resolved or threw anything else). */
export async function vendorError(call: Promise<unknown>): Promise<VendorError> {
  const outcome = await call.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome))
    throw new Error(`expected a VendorError, got ${JSON.stringify(outcome.value)?.slice(0, 200)}`);
  expect(outcome.error).toBeInstanceOf(VendorError);
  return outcome.error as VendorError;
}

/** Asserts that no secret appears anywhere a caller or a log could see of the error. */
export function expectNoSecrets(error: VendorError, secrets: readonly string[]): void {
  const surfaces = [error.message, String(error), error.stack ?? '', JSON.stringify(error)];
  for (const secret of secrets) {
    for (const surface of surfaces) expect(surface).not.toContain(secret);
  }
}

export function signal(): AbortSignal {
  return AbortSignal.timeout(5_000);
}
