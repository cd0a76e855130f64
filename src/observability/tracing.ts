import type { IncomingHttpHeaders } from 'node:http';
import {
  type Attributes,
  type Context,
  context,
  INVALID_SPAN_CONTEXT,
  isSpanContextValid,
  propagation,
  type Span,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  type TracerProvider,
  trace,
} from '@opentelemetry/api';

/**
 * OpenTelemetry spans through `@opentelemetry/api` only. Without a registered SDK every call here
 * is a no-op (the API's default tracer makes non-recording spans and its default context manager
 * runs callbacks as they are); with one (see docs/operations.md, "Tracing"), the spans are exported.
 *
 * Attributes are restricted to bounded, non-identifying values: vendor names, outcome codes,
 * booleans and counts. Never tokens, ids, IPs, keys, variables or query text.
 */

export const TRACER_NAME = 'device-intelligence-subgraph';

/** Attribute keys of our spans (ours under `device_intel.`, GraphQL ones from the semantic conventions). */
export const ATTR = {
  operationType: 'graphql.operation.type',
  operationName: 'graphql.operation.name',
  httpStatus: 'http.response.status_code',
  outcome: 'device_intel.outcome',
  vendor: 'device_intel.vendor',
  vendorOperation: 'device_intel.vendor.operation',
  cached: 'device_intel.cached',
  retries: 'device_intel.retries',
  drift: 'device_intel.schema_drift',
} as const;

let provider: TracerProvider | undefined;
let cachedTracer: Tracer | undefined;

function tracer(): Tracer {
  // The global provider is a proxy that follows whichever SDK is registered, even later, and so does
  // the tracer it hands out; it is replaced only when tracing is disabled, which a new lookup follows.
  const current = trace.getTracerProvider();
  if (current !== provider || !cachedTracer) {
    provider = current;
    cachedTracer = current.getTracer(TRACER_NAME);
  }
  return cachedTracer;
}

/**
 * The parent of a request's span: the caller's span when an HTTP instrumentation already made one,
 * else the trace context a router sent (`traceparent`, through the registered propagator).
 */
export function requestParentContext(headers: IncomingHttpHeaders): Context {
  const active = context.active();
  if (trace.getSpan(active)) return active;
  return propagation.extract(active, headers);
}

export function startSpan(name: string, kind: SpanKind, parent: Context = context.active()): Span {
  return tracer().startSpan(name, { kind }, parent);
}

/** Runs `run` with `span` as the active span (children and span events inside attach to it). */
export function withSpan<T>(span: Span, run: () => T, parent: Context = context.active()): T {
  // Without a registered SDK every span is the no-op one: there is no context worth propagating.
  const spanContext = span.spanContext();
  if (spanContext === INVALID_SPAN_CONTEXT || !isSpanContextValid(spanContext)) return run();
  return context.with(trace.setSpan(parent, span), run);
}

/** Ends `span` with the attributes `describe` gives, asked for only when the span is recorded. */
export function endSpan(span: Span, failed: boolean, describe: () => Attributes): void {
  if (span.isRecording()) {
    const attributes = describe();
    span.setAttributes(attributes);
    if (failed) span.setStatus({ code: SpanStatusCode.ERROR, message: String(attributes[ATTR.outcome] ?? 'error') });
  }
  span.end();
}

// Retries of the call whose span is active, counted for its `device_intel.retries` attribute.
const retriesBySpan = new WeakMap<Span, number>();

/** Notes an event on the active span (a retry, a rate-limit wait); counts retries. */
export function activeSpanEvent(name: 'retry' | 'rate_limit_wait', attributes: Attributes): void {
  const span = trace.getActiveSpan();
  if (!span?.isRecording()) return;
  span.addEvent(name, attributes);
  if (name === 'retry') {
    const retries = (retriesBySpan.get(span) ?? 0) + 1;
    retriesBySpan.set(span, retries);
    span.setAttribute(ATTR.retries, retries);
  }
}

/** Retries noted so far on `span`. */
export function retriesOf(span: Span): number {
  return retriesBySpan.get(span) ?? 0;
}

export function setActiveSpanAttribute(key: string, value: number | string | boolean): void {
  const span = trace.getActiveSpan();
  if (span?.isRecording()) span.setAttribute(key, value);
}

export { SpanKind };
