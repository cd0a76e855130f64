import type { Json } from './json.ts';

/** What a simulated vendor answers, before the server encodes it (and faults distort it). */
export interface Reply {
  status: number;
  body: ReplyBody;
  headers?: Readonly<Record<string, string>>;
  /**
   * True for the vendor's normal successful payload. Body-level faults (unknown fields, unknown
   * enum values, missing required fields) only distort such payloads, never error bodies.
   */
  success?: boolean;
}

export type ReplyBody = { type: 'json'; value: Json } | { type: 'html'; text: string } | { type: 'empty' };

export function jsonReply(status: number, value: Json, extra: Pick<Reply, 'headers' | 'success'> = {}): Reply {
  return { status, body: { type: 'json', value }, ...extra };
}

/** The success payload of a vendor: HTTP 200, JSON, eligible for body-level faults. */
export function successReply(value: Json): Reply {
  return jsonReply(200, value, { success: true });
}

const STATUS_TEXT: Readonly<Record<number, string>> = {
  200: 'OK',
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

function statusText(status: number): string {
  return STATUS_TEXT[status] ?? 'Error';
}

/**
 * The kind of HTML page a load balancer or CDN in front of a vendor answers when the vendor is
 * down: clients must not try to read it as the vendor's JSON.
 */
export function htmlReply(status: number): Reply {
  const title = `${status} ${statusText(status)}`;
  const text = `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
  return { status, body: { type: 'html', text } };
}

/** Encoded HTTP response: what the server writes. */
export interface Encoded {
  status: number;
  headers: Record<string, string>;
  payload: Buffer;
}

export function encode(reply: Reply): Encoded {
  const headers: Record<string, string> = { ...reply.headers };
  let payload: Buffer;
  if (reply.body.type === 'json') {
    payload = Buffer.from(JSON.stringify(reply.body.value));
    headers['content-type'] = 'application/json; charset=utf-8';
  } else if (reply.body.type === 'html') {
    payload = Buffer.from(reply.body.text);
    headers['content-type'] = 'text/html; charset=utf-8';
  } else {
    payload = Buffer.alloc(0);
  }
  return { status: reply.status, headers, payload };
}
