import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeEventId } from '../../src/signals/event-id.ts';
import { fixture } from '../support/fixtures.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { seal } from '../support/sealed.ts';
import { LAYOUT } from '../support/signals.ts';

describe('Fingerprint sealed results', () => {
  const key = randomBytes(32);
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({
      FINGERPRINT_SEALED_KEYS: `${randomBytes(32).toString('base64')},${key.toString('base64')}`,
    });
  });
  afterAll(() => harness.close());

  it('are decrypted locally, with no Fingerprint call, and the event id keeps only the event id', async () => {
    const sealed = seal(fixture('fingerprint/v4-seed-equivalent.json'), key);
    const response = await harness.query<{
      event: { id: string; fingerprint: { origin: string; visitorId: string }; ip: { geolocation: { city: string } } };
    }>(
      `query($sealed: String!) { event(signals: {fingerprintSealedResult: $sealed}) {
        id fingerprint { origin visitorId } ip { geolocation { city } } sources { vendor status }
      } }`,
      { sealed },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.event).toMatchObject({
      fingerprint: { origin: 'SEALED_RESULT', visitorId: 'Ibk1527CUFmcnjLwIs4A9' },
      ip: { geolocation: { city: 'Dusseldorf' } },
    });
    expect(decodeEventId(response.data!.event.id, LAYOUT)).toEqual({ fingerprintEventId: '1708102555327.NLOjmg' });
    expect(harness.simulator.calls()).toBe(0);
  });

  it('reports a result sealed with an unknown key as TOKEN_INVALID', async () => {
    const sealed = seal(fixture('fingerprint/v4-seed-equivalent.json'), randomBytes(32));
    const response = await harness.query(
      `query($sealed: String!) { event(signals: {fingerprintSealedResult: $sealed}) { fingerprint { visitorId } sources { status errorCode } } }`,
      { sealed },
    );
    expect(response.data).toEqual({
      event: { fingerprint: null, sources: [{ status: 'TOKEN_INVALID', errorCode: 'TOKEN_INVALID' }] },
    });
    expect(JSON.stringify(response)).not.toContain(key.toString('base64'));
  });
});
