import { connect } from 'node:net';
import { errors, request } from 'undici';
import type { FuzzRequest } from './arbitraries.ts';

export interface FuzzResponse {
  status: number;
  contentType: string;
  text: string;
}

/** What could not be delivered, and why (a server that resets a connection it should answer is a finding). */
export interface FuzzFailure {
  error: string;
}

/** Header values undici refuses to send (it validates them; Node's parser would answer 400 anyway). */
const SENDABLE_HEADER = /^[\t\x20-\x7e\x80-\xff]*$/;

/** Sends a fuzz request over keep-alive undici, or over a raw socket when undici would refuse it. */
export async function send(baseUrl: string, port: number, input: FuzzRequest): Promise<FuzzResponse | FuzzFailure> {
  const sendable = Object.values(input.headers).every((value) => SENDABLE_HEADER.test(value));
  if (input.raw || !sendable || !input.path.startsWith('/')) return sendRaw(port, input);
  try {
    const response = await request(`${baseUrl}${input.path}`, {
      method: input.method,
      headers: input.headers,
      body: input.body,
    });
    const text = await response.body.text();
    return { status: response.statusCode, contentType: String(response.headers['content-type'] ?? ''), text };
  } catch (error) {
    // undici's own refusals (a header it considers invalid): deliver it raw instead.
    if (error instanceof errors.InvalidArgumentError) return sendRaw(port, input);
    return { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

/** One request on a fresh connection, written byte by byte, read until the server closes. */
export function sendRaw(port: number, input: FuzzRequest): Promise<FuzzResponse | FuzzFailure> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = (result: FuzzResponse | FuzzFailure) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    socket.setTimeout(15_000, () => {
      socket.destroy();
      finish({ error: 'raw request timed out' });
    });
    socket.on('connect', () => {
      const body = input.body === undefined ? undefined : Buffer.from(input.body, 'utf8');
      const lines = [`${input.method} ${input.path} HTTP/1.1`, 'host: 127.0.0.1', 'connection: close'];
      for (const [name, value] of Object.entries(input.headers)) lines.push(`${name}: ${value}`);
      if (body) lines.push(`content-length: ${body.length}`);
      socket.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (body) socket.write(body);
    });
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    // The server may close while we still write a body it refused (401, 413): what it answered counts.
    socket.on('error', () => undefined);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const status = /^HTTP\/1\.1 (\d{3})/.exec(text);
      if (!status) return finish({ error: `no HTTP response (${JSON.stringify(text.slice(0, 80))})` });
      const split = text.indexOf('\r\n\r\n');
      const head = text.slice(0, split);
      let payload: Buffer = Buffer.from(text.slice(split + 4), 'latin1');
      if (/\r\ntransfer-encoding: chunked/i.test(head)) payload = dechunk(payload);
      finish({
        status: Number(status[1]),
        contentType: /\r\ncontent-type: ([^\r]*)/i.exec(head)?.[1] ?? '',
        text: payload.toString('utf8'),
      });
    });
  });
}

function dechunk(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  while (offset < data.length) {
    const lineEnd = data.indexOf('\r\n', offset);
    if (lineEnd < 0) break;
    const size = Number.parseInt(data.subarray(offset, lineEnd).toString('latin1'), 16);
    if (!Number.isFinite(size) || size === 0) break;
    parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
    offset = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}
