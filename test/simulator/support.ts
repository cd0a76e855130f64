import { SIMULATOR_CREDENTIALS as CREDENTIALS, type Simulator } from '../../src/simulator/index.ts';

/** One HTTP answer of the simulator, body read as text. */
export interface Answer {
  status: number;
  contentType: string;
  text: string;
  headers: Headers;
  json(): unknown;
}

/** Helpers take `null` for "send no credential". */

/** A JSON object from an answer (fails the test when the body is not one). */
export type Obj = Record<string, unknown>;

export async function send(url: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(url, { ...init, signal: init.signal ?? AbortSignal.timeout(5_000) });
  const text = await response.text();
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    text,
    headers: response.headers,
    json: () => JSON.parse(text) as unknown,
  };
}

export function obj(answer: Answer): Obj {
  const value = answer.json();
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`not a JSON object: ${answer.text.slice(0, 200)}`);
  return value as Obj;
}

/** Walks a JSON value (`at(body, 'device', 'probe_id')`). */
export function at(value: unknown, ...path: (string | number)[]): unknown {
  return path.reduce<unknown>(
    (current, key) =>
      typeof current === 'object' && current !== null ? (current as Record<string | number, unknown>)[key] : undefined,
    value,
  );
}

const json = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

export const fingerprintV4 = (
  sim: Simulator,
  path: string,
  key: string | null = CREDENTIALS.fingerprint.secretApiKey,
) =>
  send(`${sim.baseUrl('FINGERPRINT')}/v4${path}`, key === null ? {} : { headers: { authorization: `Bearer ${key}` } });

export const fingerprintV3 = (
  sim: Simulator,
  path: string,
  key: string | null = CREDENTIALS.fingerprint.secretApiKey,
) => send(`${sim.baseUrl('FINGERPRINT')}${path}`, key === null ? {} : { headers: { 'auth-api-key': key } });

export function trustDecision(
  sim: Simulator,
  body: unknown,
  credentials: { partnerCode: string; partnerKey: string } = CREDENTIALS.trustDecision,
) {
  const query = new URLSearchParams({ partner_code: credentials.partnerCode, partner_key: credentials.partnerKey });
  return send(`${sim.baseUrl('TRUSTDECISION')}/device/v3?${query.toString()}`, json(body));
}

export function friendlyCaptcha(
  sim: Simulator,
  body: unknown,
  apiKey: string | null = CREDENTIALS.friendlyCaptcha.apiKey,
) {
  const init = json(body);
  return send(`${sim.baseUrl('FRIENDLY_CAPTCHA')}/api/v2/riskIntelligence/retrieve`, {
    ...init,
    headers: { 'content-type': 'application/json', ...(apiKey === null ? {} : { 'x-api-key': apiKey }) },
  });
}

export const detectIp = (sim: Simulator, path: string, apiKey: string | null = CREDENTIALS.detectIp.apiKey) =>
  send(`${sim.baseUrl('DETECTIP')}/api/v1${path}`, apiKey === null ? {} : { headers: { 'x-api-key': apiKey } });

export const verdict = (sim: Simulator, token: string) => detectIp(sim, `/verdict?token=${encodeURIComponent(token)}`);

export function hitprobe(sim: Simulator, body: unknown, secretKey: string | null = CREDENTIALS.hitprobe.secretKey) {
  const init = json(body);
  return send(`${sim.baseUrl('HITPROBE')}/api/v1/event`, {
    ...init,
    headers: {
      'content-type': 'application/json',
      ...(secretKey === null ? {} : { authorization: `Bearer ${secretKey}` }),
    },
  });
}

/** A 22-character probe id, as Hitprobe's agent makes them. */
export function probeId(seed: string): string {
  return `probe${seed}`.padEnd(22, 'x').slice(0, 22);
}
