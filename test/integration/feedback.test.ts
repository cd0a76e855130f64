import { request } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SIMULATOR_CREDENTIALS } from '../../src/simulator/index.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { simulatedVendorEnv } from '../support/process.ts';

const REPORT = `mutation($input: ReportOutcomeInput!) {
  reportOutcome(input: $input) { sources { vendor status errorCode } event { fingerprint { suspect linkedId } } }
}`;

interface Reported {
  reportOutcome: {
    sources: { vendor: string; status: string; errorCode: string | null }[];
    event: { fingerprint: { suspect: boolean | null; linkedId: string | null } | null };
  };
}

/** The event as the simulated Fingerprint workspace holds it now (a fresh GET, bypassing the subgraph). */
async function heldByFingerprint(harness: Harness, eventId: string, version: 'v4' | 'v3' = 'v4') {
  const key = SIMULATOR_CREDENTIALS.fingerprint.secretApiKey;
  const response = await request(
    `${harness.simulator.baseUrl('FINGERPRINT')}${version === 'v4' ? '/v4/events/' : '/events/'}${eventId}`,
    { headers: version === 'v4' ? { authorization: `Bearer ${key}` } : { 'auth-api-key': key } },
  );
  return (await response.body.json()) as Record<string, unknown>;
}

async function eventId(harness: Harness, signals: string): Promise<string> {
  const response = await harness.query<{ event: { id: string } }>(`{ event(signals: ${signals}) { id } }`);
  const id = response.data?.event.id;
  if (!id) throw new Error(`no Event.id for ${signals}`);
  return id;
}

describe('reportOutcome: outcomes written back to Fingerprint', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(() => harness.close());
  beforeEach(() => harness.simulator.resetCalls());

  it('sets suspect, linked_id and tags with v4 PATCH, and the next read shows them instead of the cached event', async () => {
    const token = 'cleanweb-fb-0001';
    const read = `{ event(signals: {fingerprintEventId: "${token}"}) { fingerprint { suspect linkedId } } }`;
    const before = await harness.query<{ event: { fingerprint: { suspect: boolean | null } } }>(read);
    expect(before.data?.event.fingerprint.suspect).toBeNull();
    const id = await eventId(harness, `{fingerprintEventId: "${token}"}`);

    const reported = await harness.query<Reported>(REPORT, {
      input: { eventId: id, outcome: 'FRAUD', linkedId: 'order-1042', tags: { chargeback: 'CB-77', amount: 129.9 } },
    });
    expect(reported.errors).toBeUndefined();
    expect(reported.data?.reportOutcome).toEqual({
      sources: [{ vendor: 'FINGERPRINT', status: 'OK', errorCode: null }],
      event: { fingerprint: { suspect: true, linkedId: 'order-1042' } },
    });
    const held = await heldByFingerprint(harness, token);
    expect(held).toMatchObject({
      suspect: true,
      linked_id: 'order-1042',
      tags: { chargeback: 'CB-77', amount: 129.9 },
    });

    const after = await harness.query<{ event: { fingerprint: { suspect: boolean; linkedId: string } } }>(read);
    expect(after.data?.event.fingerprint).toEqual({ suspect: true, linkedId: 'order-1042' });
    // One GET before, the PATCH, the payload's GET of the changed event, our own GET; the read after was cached again.
    expect(harness.simulator.tokenCalls('FINGERPRINT', token)).toBe(4);
  });

  it('clears suspect for a legitimate outcome and leaves what was not given as the vendor has it', async () => {
    const token = 'cleanweb-fb-0002';
    const id = await eventId(harness, `{fingerprintEventId: "${token}"}`);
    await harness.query(REPORT, { input: { eventId: id, outcome: 'FRAUD', tags: { review: 'open' } } });
    const reported = await harness.query<Reported>(REPORT, { input: { eventId: id, outcome: 'LEGITIMATE' } });
    expect(reported.data?.reportOutcome.event.fingerprint?.suspect).toBe(false);
    expect(await heldByFingerprint(harness, token)).toMatchObject({ suspect: false, tags: { review: 'open' } });
  });

  it('reports an event too new to update as a failure that says to retry later', async () => {
    // An id stamped in the future is still being propagated however slow the machine: never mutable yet.
    const token = `${Date.now() + 3_600_000}.fbnew1`;
    const id = await eventId(harness, `{fingerprintEventId: "${token}"}`);
    const reported = await harness.query<Reported>(REPORT, { input: { eventId: id, outcome: 'FRAUD' } });
    expect(reported.data?.reportOutcome.sources).toEqual([
      { vendor: 'FINGERPRINT', status: 'UNAVAILABLE', errorCode: 'VENDOR_RETRY_LATER' },
    ]);
    expect(reported.errors).toEqual([
      expect.objectContaining({
        path: ['reportOutcome'],
        extensions: { code: 'VENDOR_RETRY_LATER', vendor: 'FINGERPRINT' },
      }),
    ]);
    expect(await heldByFingerprint(harness, token)).not.toHaveProperty('suspect');
  });

  it('reports an event Fingerprint does not know as NOT_FOUND', async () => {
    const id = await eventId(harness, `{fingerprintEventId: "cleanweb-fb-404"}`);
    const reported = await harness.query<Reported>(REPORT, { input: { eventId: id, outcome: 'FRAUD' } });
    expect(reported.data?.reportOutcome.sources).toEqual([
      { vendor: 'FINGERPRINT', status: 'NOT_FOUND', errorCode: null },
    ]);
  });

  it('skips an event without a Fingerprint token, calling nobody', async () => {
    const id = await eventId(harness, `{detectIpToken: "cleanweb-fb-0003", ip: "203.0.113.5"}`);
    const reported = await harness.query<Reported>(REPORT, { input: { eventId: id, outcome: 'FRAUD' } });
    expect(reported.errors).toBeUndefined();
    expect(reported.data?.reportOutcome).toEqual({
      sources: [{ vendor: 'FINGERPRINT', status: 'SKIPPED', errorCode: null }],
      event: { fingerprint: null },
    });
    expect(harness.simulator.calls()).toBe(0);
  });

  it.each([
    [
      'an eventId that is no Event.id',
      { eventId: 'ev1_not-ours', outcome: 'FRAUD' },
      'input.eventId must be an Event id issued by this subgraph',
    ],
    [
      'a Device id as eventId',
      { eventId: 'fingerprint:Ibk1527CUFmcnjLwIs4A9', outcome: 'FRAUD' },
      'input.eventId must be an Event id',
    ],
    ['tags that are a list', { outcome: 'FRAUD', tags: ['chargeback'] }, 'input.tags must be a JSON object'],
    ['tags that are a string', { outcome: 'FRAUD', tags: '{"a":1}' }, 'input.tags must be a JSON object'],
    ['tags that are a number', { outcome: 'FRAUD', tags: 7 }, 'input.tags must be a JSON object'],
    [
      'tags over 16 KiB',
      { outcome: 'FRAUD', tags: { note: 'x'.repeat(17_000) } },
      'input.tags must be at most 16384 bytes',
    ],
    ['an empty linkedId', { outcome: 'FRAUD', linkedId: '' }, 'input.linkedId must be 1 to 256 characters'],
    [
      'a linkedId over 256 characters',
      { outcome: 'FRAUD', linkedId: 'u'.repeat(257) },
      'input.linkedId must be 1 to 256 characters',
    ],
  ])('refuses %s with a clear error and changes nothing', async (_what, input, message) => {
    const token = 'cleanweb-fb-0004';
    const id = await eventId(harness, `{fingerprintEventId: "${token}"}`);
    harness.simulator.resetCalls();
    const response = await harness.query(REPORT, { input: { eventId: id, ...input } });
    expect(response.data).toBeNull();
    expect(response.errors).toEqual([
      expect.objectContaining({
        message: expect.stringContaining(message),
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }),
      }),
    ]);
    expect(harness.simulator.calls()).toBe(0);
    expect(await heldByFingerprint(harness, token)).not.toHaveProperty('suspect');
  });

  it('takes tags written as a literal in the document', async () => {
    const id = await eventId(harness, `{fingerprintEventId: "cleanweb-fb-0005"}`);
    const response = await harness.query<Reported>(
      `mutation($id: ID!) { reportOutcome(input: {eventId: $id, outcome: FRAUD, tags: {case: "CB-9", items: [1, 2]}}) { sources { status } } }`,
      { id },
    );
    expect(response.data?.reportOutcome.sources).toEqual([{ status: 'OK' }]);
    expect(await heldByFingerprint(harness, 'cleanweb-fb-0005')).toMatchObject({
      tags: { case: 'CB-9', items: [1, 2] },
    });
  });
});

describe('reportOutcome on Server API v3', () => {
  it('sets suspect, linkedId and tag with PUT /events/{request_id}', async () => {
    const harness = await startHarness({ FINGERPRINT_API_VERSION: 'v3' });
    try {
      const token = 'cleanweb-fb-0006';
      const id = await eventId(harness, `{fingerprintEventId: "${token}"}`);
      const reported = await harness.query<Reported>(REPORT, {
        input: { eventId: id, outcome: 'FRAUD', linkedId: 'user-8', tags: { source: 'chargeback' } },
      });
      expect(reported.data?.reportOutcome).toEqual({
        sources: [{ vendor: 'FINGERPRINT', status: 'OK', errorCode: null }],
        event: { fingerprint: { suspect: true, linkedId: 'user-8' } },
      });
      const held = await heldByFingerprint(harness, token, 'v3');
      expect(held).toMatchObject({
        products: { identification: { data: { suspect: true, linkedId: 'user-8', tag: { source: 'chargeback' } } } },
      });
    } finally {
      await harness.close();
    }
  });
});

describe('reportOutcome when it may not or cannot send', () => {
  it('is FORBIDDEN unless FEEDBACK_ENABLED, and calls nobody', async () => {
    const harness = await startHarness({ FEEDBACK_ENABLED: 'false' });
    try {
      const id = await eventId(harness, `{fingerprintEventId: "cleanweb-fb-0007"}`);
      harness.simulator.resetCalls();
      const response = await harness.query(REPORT, { input: { eventId: id, outcome: 'FRAUD' } });
      expect(response.data).toBeNull();
      expect(response.errors).toEqual([
        expect.objectContaining({
          message: 'reportOutcome is turned off in this deployment (FEEDBACK_ENABLED); nothing was sent',
          extensions: expect.objectContaining({ code: 'FORBIDDEN' }),
        }),
      ]);
      expect(harness.simulator.calls()).toBe(0);
    } finally {
      await harness.close();
    }
  });

  it('reports credentials Fingerprint refuses (403) as VENDOR_AUTH_FAILED', async () => {
    const harness = await startHarness((simulator) => ({
      ...simulatedVendorEnv(simulator),
      FINGERPRINT_SECRET_API_KEY: 'not-the-workspace-key',
    }));
    try {
      const id = await eventId(harness, `{detectIpToken: "cleanweb-fb-0008", fingerprintEventId: "cleanweb-fb-0008"}`);
      const response = await harness.query<Reported>(REPORT, { input: { eventId: id, outcome: 'FRAUD' } });
      expect(response.data?.reportOutcome.sources).toEqual([
        { vendor: 'FINGERPRINT', status: 'UNAVAILABLE', errorCode: 'VENDOR_AUTH_FAILED' },
      ]);
    } finally {
      await harness.close();
    }
  });
});
