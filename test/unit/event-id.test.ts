import { describe, expect, it } from 'vitest';
import { decodeEventId, encodeEventId, eventIdKey } from '../../src/signals/event-id.ts';
import { validateEventId } from '../../src/signals/validate.ts';
import { LAYOUT, TOKEN_FIELDS, tokenRule } from '../support/signals.ts';

const SIGNALS = {
  fingerprintEventId: '1708102555327.NLOjmg',
  hitprobeProbeId: 'ctwCYFyAUteNpsBgAw7xYL',
  ip: '61.127.217.15',
};
const KEY = eventIdKey('a-secret-of-at-least-thirty-two-characters');

describe('Event ids', () => {
  it('round-trip in both versions', () => {
    expect(decodeEventId(encodeEventId(SIGNALS, LAYOUT), LAYOUT)).toEqual(SIGNALS);
    expect(decodeEventId(encodeEventId(SIGNALS, LAYOUT, KEY), LAYOUT, KEY)).toEqual(SIGNALS);
  });

  it('are stable, so other subgraphs can join on them', () => {
    expect(encodeEventId({ ...SIGNALS }, LAYOUT)).toBe(encodeEventId(SIGNALS, LAYOUT));
    expect(encodeEventId({ ...SIGNALS }, LAYOUT, KEY)).toBe(encodeEventId(SIGNALS, LAYOUT, KEY));
  });

  it('are sealed with the key they are asked for, also for an event sealed with another key before', () => {
    const other = eventIdKey('another-secret-of-at-least-thirty-two-chars');
    const withKey = encodeEventId(SIGNALS, LAYOUT, KEY);
    const withOther = encodeEventId(SIGNALS, LAYOUT, other);
    expect(withOther).not.toBe(withKey);
    expect(decodeEventId(withOther, LAYOUT, other)).toEqual(SIGNALS);
    expect(decodeEventId(withKey, LAYOUT, KEY)).toEqual(SIGNALS);
  });

  it('stay the same after many other events were sealed in between', () => {
    const first = encodeEventId(SIGNALS, LAYOUT, KEY);
    // More events than the recent ids remember, so the first one's is computed again.
    for (let index = 0; index < 10_050; index += 1)
      encodeEventId({ ...SIGNALS, ip: `10.0.${index >> 8}.${index & 255}` }, LAYOUT, KEY);
    expect(encodeEventId(SIGNALS, LAYOUT, KEY)).toBe(first);
  });

  it('reveal nothing once sealed', () => {
    const sealed = encodeEventId(SIGNALS, LAYOUT, KEY);
    expect(sealed).toMatch(/^ev2_/);
    const bytes = Buffer.from(sealed.slice(4), 'base64url').toString('latin1');
    for (const value of Object.values(SIGNALS)) expect(bytes).not.toContain(value);
  });

  it('refuse sealed ids without the key, with another key, or tampered with', () => {
    const sealed = encodeEventId(SIGNALS, LAYOUT, KEY);
    expect(decodeEventId(sealed, LAYOUT)).toBeUndefined();
    expect(decodeEventId(sealed, LAYOUT, eventIdKey('another-secret-of-at-least-thirty-two-chars'))).toBeUndefined();
    const bytes = Buffer.from(sealed.slice(4), 'base64url');
    bytes[20] = (bytes[20] ?? 0) ^ 1;
    expect(decodeEventId(`ev2_${bytes.toString('base64url')}`, LAYOUT, KEY)).toBeUndefined();
    expect(decodeEventId('ev2_AAAA', LAYOUT, KEY)).toBeUndefined();
  });

  it('keep accepting readable ids issued before the secret was set', () => {
    expect(decodeEventId(encodeEventId(SIGNALS, LAYOUT), LAYOUT, KEY)).toEqual(SIGNALS);
  });

  it('fit under the length cap even sealed and at every maximum', () => {
    const longest = Object.fromEntries(
      TOKEN_FIELDS.map((field) => [field, '\\'.repeat(field === 'hitprobeProbeId' ? 0 : tokenRule(field).maxLength)]),
    );
    const id = encodeEventId(
      { ...longest, hitprobeProbeId: 'a'.repeat(22), ip: 'ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255' },
      LAYOUT,
      KEY,
    );
    expect(id.length).toBeLessThanOrEqual(LAYOUT.maxEventIdLength);
    // Refused for its content (backslashes are no token), not for its length: the id was read.
    const validated = validateEventId(id, 'id', LAYOUT, KEY);
    expect(validated.ok ? undefined : validated.problem.path).toMatch(/^id\.[a-zA-Z]+$/);
  });
});
