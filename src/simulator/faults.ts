import { z } from 'zod';
import type { Vendor } from '../model/vendor.ts';
import { VENDORS } from '../vendors/registry.ts';
import { BoundedMap, TOKEN_STATE_CAPACITY } from './bounded-map.ts';
import { isJsonObject, type JsonObject } from './json.ts';
import { hashUnit, Rng } from './random.ts';
import { type Encoded, encode, htmlReply, type Reply } from './reply.ts';
import type { Route } from './vendors/types.ts';

/** Ways a vendor call can go wrong. See README.md ("Faults") for what each one sends. */
export type Fault =
  | { kind: 'hang' }
  | { kind: 'slowHeaders'; ms: number }
  | { kind: 'slowBody'; ms: number }
  | { kind: 'reset' }
  | { kind: 'status'; status: number; retryAfter?: string; body?: 'vendor' | 'html' | 'empty' }
  | { kind: 'html' }
  | { kind: 'truncated' }
  | { kind: 'wrongContentType' }
  | { kind: 'garbage' }
  | { kind: 'unknownFields' }
  | { kind: 'unknownEnums' }
  | { kind: 'missingRequired' }
  | { kind: 'notFound' };

export interface FaultRule {
  vendor: Vendor;
  /** Only requests for this token; absent = every request to the vendor. */
  token?: string;
  fault: Fault;
  /** 0..1: only this fraction of tokens, chosen by hashing the token (default 1). */
  rate?: number;
  /** Only the first N requests of each matching token, then normal answers (default: always). */
  times?: number;
}

const milliseconds = z.number().int().min(0).max(600_000);

const faultSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('hang') }),
  z.strictObject({ kind: z.literal('slowHeaders'), ms: milliseconds }),
  z.strictObject({ kind: z.literal('slowBody'), ms: milliseconds }),
  z.strictObject({ kind: z.literal('reset') }),
  z.strictObject({
    kind: z.literal('status'),
    status: z.number().int().min(400).max(599),
    retryAfter: z.string().min(1).max(64).optional(),
    body: z.enum(['vendor', 'html', 'empty']).optional(),
  }),
  z.strictObject({ kind: z.literal('html') }),
  z.strictObject({ kind: z.literal('truncated') }),
  z.strictObject({ kind: z.literal('wrongContentType') }),
  z.strictObject({ kind: z.literal('garbage') }),
  z.strictObject({ kind: z.literal('unknownFields') }),
  z.strictObject({ kind: z.literal('unknownEnums') }),
  z.strictObject({ kind: z.literal('missingRequired') }),
  z.strictObject({ kind: z.literal('notFound') }),
]);

export const faultRuleSchema = z.strictObject({
  vendor: z.enum(VENDORS),
  token: z.string().min(1).max(16_384).optional(),
  fault: faultSchema,
  rate: z.number().min(0).max(1).optional(),
  times: z.number().int().min(1).optional(),
}) satisfies z.ZodType<FaultRule>;

interface Entry {
  rule: FaultRule;
  /** Requests this rule has answered, per token (for `times`). */
  hits: BoundedMap<string, number>;
}

/** The fault rules in force, in insertion order. */
export class FaultBook {
  readonly #entries = new Map<string, Entry>();
  #nextId = 1;

  /** Adds a validated rule; throws a TypeError naming the problem otherwise. */
  add(rule: FaultRule): string {
    const parsed = faultRuleSchema.safeParse(rule);
    if (!parsed.success) throw new TypeError(`invalid fault rule: ${z.prettifyError(parsed.error)}`);
    const id = `fault-${this.#nextId++}`;
    this.#entries.set(id, { rule: parsed.data, hits: new BoundedMap(TOKEN_STATE_CAPACITY) });
    return id;
  }

  remove(id: string): boolean {
    return this.#entries.delete(id);
  }

  clear(): void {
    this.#entries.clear();
  }

  /**
   * The fault for one request: the first rule, in insertion order, that matches the vendor and
   * token, selects the token (`rate`) and has answers left for it (`times`). Requests without a
   * token count as the token "".
   */
  match(vendor: Vendor, token: string | undefined): Fault | undefined {
    const key = token ?? '';
    for (const { rule, hits } of this.#entries.values()) {
      if (rule.vendor !== vendor) continue;
      if (rule.token !== undefined && rule.token !== token) continue;
      if (rule.rate !== undefined && hashUnit(key) >= rule.rate) continue;
      const used = hits.get(key) ?? 0;
      if (rule.times !== undefined && used >= rule.times) continue;
      hits.set(key, used + 1);
      return rule.fault;
    }
    return undefined;
  }
}

/** How the server should answer one request. */
export type Delivery =
  | { kind: 'hang' }
  | { kind: 'reset' }
  | {
      kind: 'send';
      response: Encoded;
      /** Wait this long before sending anything. */
      headersDelayMs: number;
      /** Send the headers and the first half of the body, then wait this long for the rest. */
      bodyDelayMs: number;
    };

function send(response: Encoded, delays: { headersDelayMs?: number; bodyDelayMs?: number } = {}): Delivery {
  return { kind: 'send', response, headersDelayMs: delays.headersDelayMs ?? 0, bodyDelayMs: delays.bodyDelayMs ?? 0 };
}

const JSON_TYPE = 'application/json; charset=utf-8';

/** Turns the vendor's route and the fault (if any) into what goes on the wire. */
export function planDelivery(route: Route, fault: Fault | undefined): Delivery {
  if (!fault) return send(encode(route.answer()));
  switch (fault.kind) {
    case 'hang':
      return { kind: 'hang' };
    case 'reset':
      return { kind: 'reset' };
    case 'slowHeaders':
      return send(encode(route.answer()), { headersDelayMs: fault.ms });
    case 'slowBody':
      return send(encode(route.answer()), { bodyDelayMs: fault.ms });
    case 'status':
      return send(encode(statusReply(route, fault)));
    case 'html':
      return send(encode(htmlReply(200)));
    case 'truncated': {
      const { headers, payload } = encode(route.answer());
      return send({
        status: 200,
        headers: { ...headers, 'content-type': JSON_TYPE },
        payload: payload.subarray(0, Math.floor(payload.length / 2)),
      });
    }
    case 'wrongContentType': {
      const { headers, payload } = encode(route.answer());
      return send({ status: 200, headers: { ...headers, 'content-type': 'text/plain; charset=utf-8' }, payload });
    }
    case 'garbage':
      return send({ status: 200, headers: { 'content-type': JSON_TYPE }, payload: garbage(route.token ?? '') });
    case 'unknownFields':
    case 'unknownEnums':
    case 'missingRequired':
      return send(encode(drifted(route, fault.kind)));
    case 'notFound':
      return send(encode(route.notFound()));
  }
}

function statusReply(route: Route, fault: Extract<Fault, { kind: 'status' }>): Reply {
  const body = fault.body ?? 'vendor';
  const reply: Reply =
    body === 'html'
      ? htmlReply(fault.status)
      : body === 'empty'
        ? { status: fault.status, body: { type: 'empty' } }
        : route.errorFor(fault.status);
  if (fault.retryAfter === undefined) return reply;
  return { ...reply, headers: { ...reply.headers, 'retry-after': fault.retryAfter } };
}

/** The normal answer with the vendor's drift applied, when it is a successful payload. */
function drifted(route: Route, kind: 'unknownFields' | 'unknownEnums' | 'missingRequired'): Reply {
  const reply = route.answer();
  if (!reply.success || reply.body.type !== 'json' || !isJsonObject(reply.body.value)) return reply;
  // The payload may share objects with long-lived data (the showcase event): distort a copy.
  const body = structuredClone(reply.body.value) as JsonObject;
  route.drift(kind, body);
  return { ...reply, body: { type: 'json', value: body } };
}

/** Bytes that are neither JSON nor valid UTF-8 (a proxy's binary error, a compressed body). */
function garbage(token: string): Buffer {
  const rng = new Rng('garbage', token);
  const bytes = Array.from({ length: rng.int(48, 160) }, () => rng.int(0, 255));
  return Buffer.from([0xff, 0xfe, 0x00, 0x1b, ...bytes]);
}
