import autocannon, { type Request, type RequestContext } from 'autocannon';
import { percentile } from './stats.ts';

/**
 * One round of HTTP load from this process (autocannon, one request in flight per connection), with
 * latencies kept at full precision (autocannon's own histogram rounds to whole milliseconds) and,
 * when asked, every response checked.
 */

export interface BuiltRequest {
  body: string;
  /** Identifies what was asked (a token), handed back to `check` with the response. */
  tag: string;
}

export interface LoadSpec {
  /** Base URL of the server; requests go to `${url}/graphql`. */
  url: string;
  connections: number;
  /** Either a duration in seconds or an exact number of requests. */
  durationS?: number;
  amount?: number;
  /** One fixed body, or a new body per request. */
  body: string | (() => BuiltRequest);
  /** Checks one answer; returns what is wrong with it, or undefined. */
  check?: (status: number, body: string, tag: string) => string | undefined;
}

export interface LoadResult {
  /** 2xx answers. */
  ok: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  elapsedS: number;
  /** 2xx answers per second. */
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** Tags of the requests answered 2xx (built bodies only). */
  answeredTags: string[];
  /** Answers `check` found wrong, with the first few reasons. */
  problems: number;
  firstProblems: string[];
}

const HEADERS = { 'content-type': 'application/json' };

export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const latencies: number[] = [];
  const answeredTags: string[] = [];
  const firstProblems: string[] = [];
  let problems = 0;
  const build = typeof spec.body === 'function' ? spec.body : undefined;
  const check = spec.check;

  const request: Request = { method: 'POST', path: '/graphql', headers: HEADERS };
  if (typeof spec.body === 'string') request.body = spec.body;
  if (build) {
    request.setupRequest = (params, context: RequestContext) => {
      const built = build();
      // With one request in flight per connection, the context still holds this tag when the answer comes.
      context['tag'] = built.tag;
      return { ...params, body: built.body };
    };
  }
  if (check || build) {
    request.onResponse = (status, body, context) => {
      const tag = typeof context['tag'] === 'string' ? context['tag'] : '';
      if (status >= 200 && status < 300 && build) answeredTags.push(tag);
      const problem = check?.(status, body, tag);
      if (problem === undefined) return;
      problems += 1;
      if (firstProblems.length < 5) firstProblems.push(problem);
    };
  }

  const instance = autocannon({
    url: spec.url,
    connections: spec.connections,
    pipelining: 1,
    ...(spec.amount !== undefined ? { amount: spec.amount } : { duration: spec.durationS ?? 5 }),
    timeout: 30,
    // autocannon notices the end of a run at its next sample: sample often so rounds end on time.
    sampleInt: 100,
    requests: [request],
  });
  instance.on('response', (_client: unknown, status: number, _bytes: number, responseTimeMs: number) => {
    if (status >= 200 && status < 300) latencies.push(responseTimeMs);
  });
  const result = await instance;
  const elapsedS = (result.finish.getTime() - result.start.getTime()) / 1000;
  return {
    ok: latencies.length,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    elapsedS,
    rps: latencies.length / elapsedS,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    answeredTags,
    problems,
    firstProblems,
  };
}
