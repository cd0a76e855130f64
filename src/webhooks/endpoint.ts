import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLargeError, RequestAbortedError, readBodyBytes } from '../http/body.ts';
import { errorBody, type RouteHandler, sendJson } from '../http/server.ts';
import type { Vendor } from '../model/vendor.ts';
import type { Connectors } from '../sources/request-sources.ts';
import type { VendorRegistry } from '../vendors/registry.ts';
import type { WebhookSupport } from '../vendors/webhook.ts';
import type { DeliveryOutcome, Rejection, WebhookInbox, WebhookVendor } from './inbox.ts';

/** Every vendor's deliveries arrive below this path: `/webhooks/<the vendor's webhook path>`. */
export const WEBHOOK_PATH_PREFIX = '/webhooks/';

/** One answered delivery, for metrics and the log line. Nothing from the body or the headers. */
export interface DeliveryRecord {
  vendor: Vendor;
  outcome: DeliveryOutcome['outcome'];
  reason?: Rejection;
  status: number;
  durationMs: number;
  bytes: number;
}

/** How observability hears of each delivery (one call per delivery answered). */
export interface WebhookObserver {
  delivered(record: DeliveryRecord, response: ServerResponse): void;
}

export interface WebhookRoutesOptions {
  registry: VendorRegistry;
  connectors: Connectors;
  inbox: WebhookInbox;
  observer?: WebhookObserver;
}

/** HTTP status of each refusal. */
const STATUS: Readonly<Record<Rejection, number>> = {
  method_not_allowed: 405,
  too_large: 413,
  missing_signature: 401,
  bad_signature: 401,
  malformed_json: 400,
  unreadable_event: 422,
  cache_unavailable: 503,
};

/** `extensions.code` of each refusal (docs/security.md lists them). */
const CODE: Readonly<Record<Rejection, string>> = {
  method_not_allowed: 'BAD_REQUEST',
  too_large: 'PAYLOAD_TOO_LARGE',
  missing_signature: 'UNAUTHENTICATED',
  bad_signature: 'UNAUTHENTICATED',
  malformed_json: 'BAD_REQUEST',
  unreadable_event: 'WEBHOOK_EVENT_UNREADABLE',
  cache_unavailable: 'SERVICE_UNAVAILABLE',
};

interface Endpoint extends WebhookVendor {
  support: WebhookSupport;
}

export interface WebhookRoutes {
  /** The paths receiving deliveries in this deployment. */
  paths: readonly string[];
  /** For the HTTP server's `selfAuthenticated`: the handler of a path below the prefix. */
  route(pathname: string): RouteHandler | undefined;
}

/**
 * The webhook endpoints: `POST /webhooks/<path>` for every vendor whose descriptor declares a
 * webhook and whose connector has a receiver (its secrets are configured). Every other path below
 * the prefix answers 404, as an unknown path would, whatever the router secret: the signature is
 * these endpoints' access control, and there is nothing to protect where there is none.
 */
export function webhookRoutes(options: WebhookRoutesOptions): WebhookRoutes {
  const endpoints = new Map<string, Endpoint>();
  for (const descriptor of options.registry.descriptors) {
    const connector = options.connectors.get(descriptor.name);
    if (!descriptor.webhook || !connector?.webhook) continue;
    endpoints.set(`${WEBHOOK_PATH_PREFIX}${descriptor.webhook.path}`, {
      connector,
      receiver: connector.webhook,
      displayName: descriptor.displayName,
      support: descriptor.webhook,
    });
  }
  return {
    paths: [...endpoints.keys()],
    route(pathname) {
      if (!pathname.startsWith(WEBHOOK_PATH_PREFIX)) return undefined;
      const endpoint = endpoints.get(pathname);
      if (!endpoint) return notFound;
      return (request, response) => serve(endpoint, options, request, response);
    },
  };
}

async function notFound(_request: IncomingMessage, response: ServerResponse): Promise<void> {
  sendJson(response, 404, errorBody('Not found', 'NOT_FOUND'));
}

async function serve(
  endpoint: Endpoint,
  options: WebhookRoutesOptions,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const started = performance.now();
  let bytes = 0;
  const answer = (result: DeliveryOutcome): void => {
    const status = result.outcome === 'rejected' ? STATUS[result.reason] : 200;
    if (result.outcome === 'rejected') {
      if (result.reason === 'method_not_allowed') response.setHeader('allow', 'POST');
      // The body was left unread: close rather than drain it.
      if (result.reason === 'too_large') response.setHeader('connection', 'close');
      sendJson(response, status, errorBody(result.message, CODE[result.reason]));
    } else {
      sendJson(response, status, { outcome: result.outcome });
    }
    options.observer?.delivered(
      {
        vendor: endpoint.connector.vendor,
        outcome: result.outcome,
        ...(result.outcome === 'rejected' ? { reason: result.reason } : {}),
        status,
        durationMs: performance.now() - started,
        bytes,
      },
      response,
    );
  };

  if (request.method !== 'POST') {
    return answer({
      outcome: 'rejected',
      reason: 'method_not_allowed',
      message: 'Webhooks are delivered with POST',
    });
  }
  let body: Buffer;
  try {
    body = await readBodyBytes(request, endpoint.support.maxBodyBytes);
  } catch (error) {
    if (error instanceof RequestAbortedError) return; // nobody is left to answer
    if (!(error instanceof BodyTooLargeError)) throw error;
    return answer({
      outcome: 'rejected',
      reason: 'too_large',
      message: `Webhook body larger than ${endpoint.support.maxBodyBytes} bytes`,
    });
  }
  bytes = body.length;
  answer(await options.inbox.receive(endpoint, request.headers, body));
}
