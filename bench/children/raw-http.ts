import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serveParent } from './rpc.ts';

/**
 * B0, the transport ceiling: plain `node:http` that reads the request body and answers a fixed
 * JSON body (B2's response, byte for byte), with no GraphQL at all.
 */

export interface RawHttpInfo {
  url: string;
}

const body = Buffer.from(process.argv[2] ?? '{}', 'utf8');
const server = createServer((request, response) => {
  request.resume(); // read the body like a GraphQL server must, then answer
  request.once('end', () => {
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
    response.end(body);
  });
});
// The same socket settings as our front door (src/http/server.ts).
server.requestTimeout = 30_000;
server.headersTimeout = 10_000;
server.keepAliveTimeout = 5_000;
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as AddressInfo;
serveParent<Record<never, never>, RawHttpInfo>(
  { url: `http://127.0.0.1:${port}` },
  {},
  () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
);
