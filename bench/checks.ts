import { isDeepStrictEqual } from 'node:util';
import { visitorIdFor } from '../src/simulator/persona.ts';
import { VENDORS } from '../src/vendors/registry.ts';

/**
 * Correctness of what the load got back. A benchmark of wrong answers is worthless, so every
 * scenario records checks like these, and any failed check fails the run (exit code 1).
 */

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export class Checks {
  readonly list: Check[] = [];

  add(name: string, ok: boolean, detail = ''): boolean {
    this.list.push({ name, ok, detail });
    return ok;
  }

  get ok(): boolean {
    return this.list.every((check) => check.ok);
  }
}

interface EventShape {
  device?: { id?: string | null } | null;
  risk?: { score?: number } | null;
  sources?: { vendor?: string; status?: string; cached?: boolean; latencyMs?: number | null }[];
}

interface AnswerShape {
  data?: Record<string, unknown> | null;
  errors?: unknown[];
}

/** Parses a GraphQL answer; a string says what is wrong (status, JSON, `errors`). */
export function parseAnswer(status: number, body: string): AnswerShape | string {
  if (status !== 200) return `HTTP ${status}`;
  let answer: AnswerShape;
  try {
    answer = JSON.parse(body) as AnswerShape;
  } catch {
    return 'answer is not JSON';
  }
  if (answer.errors?.length) return `errors: ${JSON.stringify(answer.errors).slice(0, 300)}`;
  if (!answer.data) return 'no data';
  return answer;
}

/**
 * One event of the typical query, asked with `token` for all five vendors: every vendor answered
 * and the device is the one the simulator derives from the token (so the answer belongs to this
 * request, not another one).
 */
export function eventProblem(value: unknown, token: string, cached?: boolean): string | undefined {
  const event = value as EventShape | null | undefined;
  const expectedDevice = `fingerprint:${visitorIdFor(token)}`;
  if (event?.device?.id !== expectedDevice) return `device ${event?.device?.id} instead of ${expectedDevice}`;
  if (typeof event.risk?.score !== 'number') return 'no risk score';
  const sources = event.sources ?? [];
  const vendors = sources.map((source) => source.vendor);
  if (!isDeepStrictEqual(vendors, [...VENDORS])) return `sources ${vendors.join(',')}`;
  const notOk = sources.filter((source) => source.status !== 'OK');
  if (notOk.length) return `sources not OK: ${notOk.map((source) => `${source.vendor} ${source.status}`).join(', ')}`;
  if (cached !== undefined && sources.some((source) => source.cached !== cached))
    return `expected every source ${cached ? 'cached' : 'not cached'}`;
  return undefined;
}

/**
 * An answer with `sources[].latencyMs` and `cached` blanked: the parts of a hot-path answer that
 * vary (detectip.ai results live 30 s, so one answer in a while is a fresh call).
 */
export function withoutTimings(data: unknown): unknown {
  return JSON.parse(JSON.stringify(data), (key: string, value: unknown) =>
    key === 'latencyMs' || key === 'cached' ? null : value,
  );
}
