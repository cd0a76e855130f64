import { request } from 'undici';
import { signatureHeader } from '../../src/simulator/vendors/fingerprint/webhook.ts';
import { fixture } from './fixtures.ts';

/** Signing secrets the webhook tests configure (`FINGERPRINT_WEBHOOK_SECRETS`, newest first). */
export const WEBHOOK_SECRETS = ['whsec_test_newest_7c2e9a41b5d3', 'whsec_test_previous_3f81d0c6e2a9'] as const;

export const WEBHOOK_ENV = { FINGERPRINT_WEBHOOK_SECRETS: WEBHOOK_SECRETS.join(',') };

export const WEBHOOK_PATH = '/webhooks/fingerprint';

/**
 * Where a query's Fingerprint answer came from: selects a Fingerprint field (`sources` alone calls
 * no vendor) and `sources`, whose `cached` says whether a delivery (or an earlier query) stored it.
 */
export const SOURCES_QUERY = `query($id: ID!) { event(signals: {fingerprintEventId: $id}) { fingerprint { eventId } sources { status cached } } }`;

export interface DeliveryAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json(): { outcome?: string; errors?: { message: string; extensions: { code: string } }[] };
}

/** POSTs raw bytes to an app's endpoint (a path, by default the Fingerprint webhook's). */
export async function deliver(
  appUrl: string,
  body: Buffer | string,
  headers: Record<string, string> = {},
  options: { method?: 'POST' | 'GET' | 'PUT' | 'OPTIONS'; path?: string } = {},
): Promise<DeliveryAnswer> {
  const response = await request(`${appUrl}${options.path ?? WEBHOOK_PATH}`, {
    method: options.method ?? 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    ...(options.method === 'GET' ? {} : { body }),
  });
  const text = await response.body.text();
  return { status: response.statusCode, headers: response.headers, text, json: () => JSON.parse(text) };
}

/** The `fpjs-event-signature` header of `body` under `secrets`. */
export function signed(body: Buffer | string, secrets: readonly string[] = [WEBHOOK_SECRETS[0]]) {
  return { 'fpjs-event-signature': signatureHeader(Buffer.from(body), secrets) };
}

/** Our v4 webhook fixture as an event with `eventId` that happened `ageMs` ago. */
export function v4Event(eventId: string, ageMs = 0): Record<string, unknown> {
  const timestamp = Date.now() - ageMs;
  return { ...(fixture('fingerprint/webhook-v4-event.json') as object), event_id: eventId, timestamp };
}

/** Our legacy (v3) webhook fixture as an event with `requestId` that happened `ageMs` ago. */
export function v3Event(requestId: string, ageMs = 0): Record<string, unknown> {
  const timestamp = Date.now() - ageMs;
  return { ...(fixture('fingerprint/webhook-v3-legacy.json') as object), requestId, timestamp };
}

/** An event id of the JS agent's form for an identification now, unique per call. */
let sequence = 0;
export function freshEventId(label: string): string {
  sequence += 1;
  return `${Date.now()}.${label}${sequence}`;
}
