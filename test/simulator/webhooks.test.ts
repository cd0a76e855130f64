import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isValidWebhookSignature } from '@fingerprint/node-sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../src/simulator/index.ts';
import { fixture } from '../support/fixtures.ts';
import { fingerprintV3, fingerprintV4, obj, send } from './support.ts';

/**
 * The simulator pushes Fingerprint webhooks as Fingerprint does: the v4 event exactly as the
 * Server API returns it (or the flattened legacy v3 event), signed in `FPJS-Event-Signature`, to a
 * loopback URL only. A receiver here records what arrives.
 */

interface Received {
  headers: IncomingHttpHeaders;
  body: Buffer;
}

const SECRET = 'whsec_sim_test_2d7f0b9c4e1a';

describe('Fingerprint webhooks from the simulator', () => {
  let sim: Simulator;
  let receiver: Server;
  let receiverUrl: string;
  let received: Received[] = [];
  let answerStatus = 200;
  beforeAll(async () => {
    sim = await startSimulator();
    receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({ headers: request.headers, body: Buffer.concat(chunks) });
        response.writeHead(answerStatus, { 'content-type': 'application/json' }).end('{"ok":true}');
      });
    });
    receiver.listen(0, '127.0.0.1');
    await once(receiver, 'listening');
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  });
  afterAll(async () => {
    await sim.close();
    receiver.close();
  });
  beforeEach(() => {
    received = [];
    answerStatus = 200;
  });

  it('POSTs the v4 event exactly as GET /v4/events/{id} then returns it, and reports the answer', async () => {
    const delivery = await sim.sendFingerprintWebhook({ url: receiverUrl, secrets: [SECRET], eventId: 'risky-sim1' });
    expect(delivery).toEqual({ eventId: 'risky-sim1', status: 200, body: '{"ok":true}' });
    expect(received).toHaveLength(1);
    const [{ headers, body }] = received as [Received];
    expect(headers['content-type']).toBe('application/json');
    const lookup = obj(await fingerprintV4(sim, '/events/risky-sim1'));
    expect(JSON.parse(body.toString())).toStrictEqual(lookup);
    // An identification announced now happened now.
    expect(Math.abs(Number(lookup['timestamp']) - Date.now())).toBeLessThan(60_000);
    // Nothing the webhook did counts as a vendor request; the lookup does.
    expect(sim.tokenCalls('FINGERPRINT', 'risky-sim1')).toBe(1);
  });

  it('signs the raw body v1=<hex HMAC-SHA256> per secret, as the vendor SDK verifies it', async () => {
    const secrets = [SECRET, 'whsec_sim_previous_8a1c'];
    await sim.sendFingerprintWebhook({ url: receiverUrl, secrets });
    const [{ headers, body }] = received as [Received];
    const header = String(headers['fpjs-event-signature']);
    expect(header).toMatch(/^v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/);
    for (const secret of secrets) expect(isValidWebhookSignature({ header, data: body, secret })).toBe(true);
    expect(isValidWebhookSignature({ header, data: body, secret: 'another' })).toBe(false);
  });

  it('sends no signature when given no secret', async () => {
    await sim.sendFingerprintWebhook({ url: receiverUrl, secrets: [] });
    expect(received[0]?.headers['fpjs-event-signature']).toBeUndefined();
  });

  it('mints a fresh event id of the JS agent’s form at `occurredAt`; a known id keeps its time', async () => {
    const occurredAt = Date.now() - 3_600_000;
    const fresh = await sim.sendFingerprintWebhook({ url: receiverUrl, secrets: [SECRET], occurredAt });
    expect(fresh.eventId).toMatch(new RegExp(`^${occurredAt}\\.[0-9a-f]{8}wh$`));
    const event = JSON.parse(String(received[0]?.body));
    expect(event).toMatchObject({ event_id: fresh.eventId, timestamp: occurredAt });

    const again = await sim.sendFingerprintWebhook({ url: receiverUrl, secrets: [SECRET], eventId: fresh.eventId });
    expect(JSON.parse(String(received[1]?.body))['timestamp']).toBe(occurredAt);
    expect(again.eventId).toBe(fresh.eventId);
    // The showcase event is the vendor documentation's, with its time.
    await sim.sendFingerprintWebhook({ url: receiverUrl, secrets: [], eventId: '1708102555327.NLOjmg' });
    const showcase = obj(await fingerprintV4(sim, '/events/1708102555327.NLOjmg'));
    expect(JSON.parse(String(received[2]?.body))['timestamp']).toBe(showcase['timestamp']);
  });

  it('sends the legacy payload as the v3 event flattened, shaped like the vendor’s webhook.json example', async () => {
    await sim.sendFingerprintWebhook({ url: receiverUrl, secrets: [SECRET], eventId: 'headless-sim2', payload: 'v3' });
    const flat = JSON.parse(String(received[0]?.body)) as Record<string, unknown>;
    const products = (obj(await fingerprintV3(sim, '/events/headless-sim2'))['products'] ?? {}) as Record<
      string,
      { data: Record<string, unknown> }
    >;
    expect(flat).not.toHaveProperty('products');
    expect(flat).toMatchObject(products['identification']?.data ?? { missing: true });
    expect(flat['bot']).toEqual(products['botd']?.data['bot']);
    expect(flat['userAgent']).toBe(products['botd']?.data['userAgent']);
    for (const product of ['ipInfo', 'vpn', 'tor', 'velocity', 'tampering', 'rawDeviceAttributes']) {
      expect(flat[product], product).toEqual(products[product]?.data);
    }
    // Every member of our legacy fixture (shaped like the vendor's example) is one the simulator sends for a
    // web event, but those the simulator does not model (referrer, the deprecated remote control) and the
    // linked id, which this device's sessions do not carry.
    const example = Object.keys(fixture('fingerprint/webhook-v3-legacy.json') as object).filter(
      (member) => !['clientReferrer', 'remoteControl', 'linkedId'].includes(member),
    );
    for (const member of example) expect(flat, member).toHaveProperty(member);
  });

  it('reports what the receiver answered, whatever it is', async () => {
    answerStatus = 401;
    const delivery = await sim.sendFingerprintWebhook({ url: receiverUrl, secrets: [SECRET] });
    expect(delivery.status).toBe(401);
  });

  it('never calls out of the machine: a non-loopback URL is a TypeError, an unreachable one rejects', async () => {
    for (const url of ['http://example.com/hook', 'ftp://127.0.0.1/hook', 'http://10.0.0.1/hook', 'not a url']) {
      await expect(sim.sendFingerprintWebhook({ url, secrets: [SECRET] }), url).rejects.toThrow(TypeError);
    }
    const closed = createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const port = (closed.address() as AddressInfo).port;
    closed.close();
    await once(closed, 'close');
    await expect(sim.sendFingerprintWebhook({ url: `http://127.0.0.1:${port}/`, secrets: [] })).rejects.toThrow();
    expect(received).toEqual([]);
  });

  it('is driven by the admin API: POST /__sim/fingerprint/webhooks', async () => {
    const admin = (body: unknown) =>
      send(`${sim.url}/__sim/fingerprint/webhooks`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const sent = await admin({ url: receiverUrl, secrets: [SECRET], eventId: 'vpn-admin1', payload: 'v4' });
    expect(sent.status).toBe(200);
    expect(sent.json()).toEqual({ eventId: 'vpn-admin1', status: 200, body: '{"ok":true}' });
    expect(received).toHaveLength(1);

    expect((await admin({ url: 'http://example.com/', secrets: [] })).status).toBe(400);
    expect((await admin({ url: receiverUrl })).status).toBe(400);
    expect((await admin({ url: receiverUrl, secrets: [], eventId: '../x' })).status).toBe(400);
    expect((await admin({ url: receiverUrl, secrets: [], payload: 'v5' })).status).toBe(400);
    const unreachable = await admin({ url: 'http://127.0.0.1:1/', secrets: [] });
    expect(unreachable.status).toBe(502);
    expect(String((unreachable.json() as { error: string }).error)).toMatch(/could not be delivered/);
    expect((await send(`${sim.url}/__sim/fingerprint/webhooks`)).status).toBe(405);
  });
});
