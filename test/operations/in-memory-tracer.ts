import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import {
  type Attributes,
  type Context,
  type ContextManager,
  context,
  propagation,
  ROOT_CONTEXT,
  type Span,
  type SpanContext,
  type SpanKind,
  type SpanOptions,
  type SpanStatus,
  SpanStatusCode,
  type TextMapPropagator,
  TraceFlags,
  type Tracer,
  type TracerProvider,
  trace,
} from '@opentelemetry/api';

/**
 * The smallest OpenTelemetry SDK stand-in a test needs: a tracer provider that records finished
 * spans in memory and an AsyncLocalStorage context manager (what a real SDK registers), so spans
 * nest as they would in production. Written against `@opentelemetry/api` interfaces only.
 */

export interface RecordedSpan {
  name: string;
  kind: SpanKind | undefined;
  traceId: string;
  spanId: string;
  parentSpanId: string | undefined;
  attributes: Attributes;
  events: { name: string; attributes: Attributes }[];
  status: SpanStatus;
}

class RecordingSpan implements Span {
  readonly #context: SpanContext;
  readonly #record: RecordedSpan;
  readonly #finished: RecordedSpan[];
  #ended = false;

  constructor(name: string, options: SpanOptions, parent: SpanContext | undefined, finished: RecordedSpan[]) {
    this.#context = {
      traceId: parent?.traceId ?? randomBytes(16).toString('hex'),
      spanId: randomBytes(8).toString('hex'),
      traceFlags: TraceFlags.SAMPLED,
    };
    this.#record = {
      name,
      kind: options.kind,
      traceId: this.#context.traceId,
      spanId: this.#context.spanId,
      parentSpanId: parent?.spanId,
      attributes: { ...options.attributes },
      events: [],
      status: { code: SpanStatusCode.UNSET },
    };
    this.#finished = finished;
  }

  spanContext(): SpanContext {
    return this.#context;
  }
  setAttribute(key: string, value: Attributes[string]): this {
    if (value !== undefined) this.#record.attributes[key] = value;
    return this;
  }
  setAttributes(attributes: Attributes): this {
    Object.assign(this.#record.attributes, attributes);
    return this;
  }
  addEvent(name: string, attributes?: unknown): this {
    this.#record.events.push({ name, attributes: (attributes as Attributes | undefined) ?? {} });
    return this;
  }
  addLink(): this {
    return this;
  }
  addLinks(): this {
    return this;
  }
  setStatus(status: SpanStatus): this {
    this.#record.status = status;
    return this;
  }
  updateName(name: string): this {
    this.#record.name = name;
    return this;
  }
  end(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#finished.push(this.#record);
  }
  isRecording(): boolean {
    return !this.#ended;
  }
  recordException(): void {}
}

class InMemoryTracer implements Tracer {
  readonly finished: RecordedSpan[];
  constructor(finished: RecordedSpan[]) {
    this.finished = finished;
  }

  startSpan(name: string, options: SpanOptions = {}, parent: Context = context.active()): Span {
    const parentContext = options.root ? undefined : trace.getSpanContext(parent);
    return new RecordingSpan(name, options, parentContext, this.finished);
  }

  startActiveSpan<F extends (span: Span) => unknown>(name: string, ...rest: unknown[]): ReturnType<F> {
    const fn = rest.at(-1) as F;
    const options = (rest.length > 1 ? rest[0] : {}) as SpanOptions;
    const parent = (rest.length > 2 ? rest[1] : context.active()) as Context;
    const span = this.startSpan(name, options, parent);
    return context.with(trace.setSpan(parent, span), () => fn(span)) as ReturnType<F>;
  }
}

class AsyncLocalStorageContextManager implements ContextManager {
  readonly #storage = new AsyncLocalStorage<Context>();
  active(): Context {
    return this.#storage.getStore() ?? ROOT_CONTEXT;
  }
  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(
    active: Context,
    fn: F,
    thisArg?: ThisParameterType<F>,
    ...args: A
  ): ReturnType<F> {
    return this.#storage.run(active, () => fn.call(thisArg, ...args));
  }
  bind<T>(_context: Context, target: T): T {
    return target;
  }
  enable(): this {
    return this;
  }
  disable(): this {
    this.#storage.disable();
    return this;
  }
}

/** W3C `traceparent` extraction only (what a router sends), as the SDK's default propagator does. */
const traceparentPropagator: TextMapPropagator = {
  inject() {},
  extract(active, carrier, getter) {
    const header = getter.get(carrier, 'traceparent');
    const match = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/.exec(String(header ?? ''));
    if (!match) return active;
    const [, traceId = '', spanId = '', flags = '00'] = match;
    return trace.setSpanContext(active, { traceId, spanId, traceFlags: Number.parseInt(flags, 16), isRemote: true });
  },
  fields: () => ['traceparent'],
};

/** Registers the recorder globally (as an SDK would) and returns the list finished spans land in. */
export function registerInMemoryTracing(): { spans: RecordedSpan[]; unregister(): void } {
  const spans: RecordedSpan[] = [];
  const tracer = new InMemoryTracer(spans);
  const provider: TracerProvider = { getTracer: () => tracer };
  context.setGlobalContextManager(new AsyncLocalStorageContextManager());
  trace.setGlobalTracerProvider(provider);
  propagation.setGlobalPropagator(traceparentPropagator);
  return {
    spans,
    unregister() {
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}
