import type { IncomingMessage } from 'node:http';

export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
}

/**
 * The client went away (or Node's parser gave up on the request, for example on an invalid
 * Transfer-Encoding) before the body was complete. Nobody is left to answer: not a server error.
 */
export class RequestAbortedError extends Error {
  override readonly name = 'RequestAbortedError';
}

/** Reads a request body as UTF-8, refusing more than `maxBytes` (stops reading as soon as it is exceeded). */
export async function readBody(request: IncomingMessage, maxBytes: number): Promise<string> {
  return (await readBodyBytes(request, maxBytes)).toString('utf8');
}

/**
 * Reads a request body as the bytes the client sent, refusing more than `maxBytes`: what a
 * signature over the raw body (webhooks) is checked against, before any decoding.
 */
export async function readBodyBytes(request: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) throw new BodyTooLargeError();
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of request) {
      const buffer = chunk as Buffer;
      size += buffer.length;
      if (size > maxBytes) throw new BodyTooLargeError();
      chunks.push(buffer);
    }
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw error;
    if (request.readableAborted || request.destroyed) throw new RequestAbortedError();
    throw error;
  }
  return Buffer.concat(chunks);
}
