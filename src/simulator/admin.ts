import { z } from 'zod';
import { VENDORS } from '../vendors/registry.ts';
import type { CallCounter } from './counters.ts';
import { type FaultBook, faultRuleSchema } from './faults.ts';
import type { Latency } from './latency.ts';
import { loopbackUrl } from './push.ts';
import { jsonReply, type Reply } from './reply.ts';
import type { FingerprintWebhookDelivery, FingerprintWebhookRequest } from './vendors/fingerprint/webhook.ts';

/**
 * The admin API under `/__sim/`, for people driving `npm run simulator` with curl: read the call
 * counters, add and remove faults, set latency, reset. JSON in and out; bad input is a 400 with
 * the reason, never a crash.
 */

interface Controls {
  counters: CallCounter;
  faults: FaultBook;
  latency: Latency;
  sendFingerprintWebhook(request: FingerprintWebhookRequest): Promise<FingerprintWebhookDelivery>;
}

const latencySchema = z.strictObject({ ms: z.number().int().min(0).max(600_000), vendor: z.enum(VENDORS).optional() });

const fingerprintWebhookSchema = z.strictObject({
  url: z.string().min(1),
  secrets: z.array(z.string().min(1)).max(16),
  eventId: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'must be a Fingerprint event id')
    .optional(),
  occurredAt: z.number().int().positive().optional(),
  payload: z.enum(['v4', 'v3']).optional(),
});

const OK = () => jsonReply(200, { ok: true });

export function handleAdmin(method: string, path: string, body: string, controls: Controls): Reply | Promise<Reply> {
  const faultId = /^\/__sim\/faults\/([^/]+)$/.exec(path)?.[1];
  if (faultId !== undefined) {
    if (method !== 'DELETE') return notAllowed(method, path);
    return controls.faults.remove(decodeURIComponent(faultId))
      ? OK()
      : jsonReply(404, { error: `no fault with id ${faultId}` });
  }
  switch (`${method} ${path}`) {
    case 'GET /__sim/calls':
      return jsonReply(200, { total: controls.counters.calls(), byVendor: controls.counters.byVendor() });
    case 'POST /__sim/faults':
      return withBody(body, faultRuleSchema, (rule) => jsonReply(200, { id: controls.faults.add(rule) }));
    case 'DELETE /__sim/faults':
      controls.faults.clear();
      return OK();
    case 'PUT /__sim/latency':
      return withBody(body, latencySchema, ({ ms, vendor }) => {
        controls.latency.set(ms, vendor);
        return OK();
      });
    case 'POST /__sim/reset':
      controls.counters.reset();
      controls.faults.clear();
      return OK();
    case 'POST /__sim/fingerprint/webhooks':
      return withBody(body, fingerprintWebhookSchema, (request) => sendWebhook(request, controls));
  }
  const known = [
    '/__sim/calls',
    '/__sim/faults',
    '/__sim/latency',
    '/__sim/reset',
    '/__sim/fingerprint/webhooks',
  ].includes(path);
  return known ? notAllowed(method, path) : jsonReply(404, { error: `no admin endpoint at ${path}` });
}

/** 200 with what the receiver answered; 400 for a target off this machine; 502 when it could not be reached. */
async function sendWebhook(request: FingerprintWebhookRequest, controls: Controls): Promise<Reply> {
  try {
    loopbackUrl(request.url);
  } catch (error) {
    return jsonReply(400, { error: describe(error) });
  }
  try {
    return jsonReply(200, { ...(await controls.sendFingerprintWebhook(request)) });
  } catch (error) {
    return jsonReply(502, { error: `the webhook could not be delivered: ${describe(error)}` });
  }
}

function describe(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return cause instanceof Error ? cause.message : String(cause);
}

function notAllowed(method: string, path: string): Reply {
  return jsonReply(405, { error: `${method} is not supported on ${path}` });
}

function withBody<Schema extends z.ZodType>(
  body: string,
  schema: Schema,
  use: (value: z.output<Schema>) => Reply | Promise<Reply>,
): Reply | Promise<Reply> {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return jsonReply(400, { error: 'the body is not valid JSON' });
  }
  const parsed = schema.safeParse(value);
  return parsed.success ? use(parsed.data) : jsonReply(400, { error: z.prettifyError(parsed.error) });
}
