import { z } from 'zod';
import { VENDORS } from '../vendors/registry.ts';
import type { CallCounter } from './counters.ts';
import { type FaultBook, faultRuleSchema } from './faults.ts';
import type { Latency } from './latency.ts';
import { jsonReply, type Reply } from './reply.ts';

/**
 * The admin API under `/__sim/`, for people driving `npm run simulator` with curl: read the call
 * counters, add and remove faults, set latency, reset. JSON in and out; bad input is a 400 with
 * the reason, never a crash.
 */

interface Controls {
  counters: CallCounter;
  faults: FaultBook;
  latency: Latency;
}

const latencySchema = z.strictObject({ ms: z.number().int().min(0).max(600_000), vendor: z.enum(VENDORS).optional() });

const OK = () => jsonReply(200, { ok: true });

export function handleAdmin(method: string, path: string, body: string, controls: Controls): Reply {
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
  }
  const known = ['/__sim/calls', '/__sim/faults', '/__sim/latency', '/__sim/reset'].includes(path);
  return known ? notAllowed(method, path) : jsonReply(404, { error: `no admin endpoint at ${path}` });
}

function notAllowed(method: string, path: string): Reply {
  return jsonReply(405, { error: `${method} is not supported on ${path}` });
}

function withBody<Schema extends z.ZodType>(
  body: string,
  schema: Schema,
  use: (value: z.output<Schema>) => Reply,
): Reply {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return jsonReply(400, { error: 'the body is not valid JSON' });
  }
  const parsed = schema.safeParse(value);
  return parsed.success ? use(parsed.data) : jsonReply(400, { error: z.prettifyError(parsed.error) });
}
