import { describe, expect, it } from 'vitest';
import { decodeEventId, encodeEventId, eventIdKey } from '../../src/signals/event-id.ts';
import { MAX_EVENT_ID_LENGTH, SIGNAL_RULES, validateEventId } from '../../src/signals/validate.ts';

const SIGNALS = {
  fingerprintEventId: '1708102555327.NLOjmg',
  hitprobeProbeId: 'ctwCYFyAUteNpsBgAw7xYL',
  ip: '61.127.217.15',
};
const KEY = eventIdKey('a-secret-of-at-least-thirty-two-characters');

describe('Event ids', () => {
  it('round-trip in both versions', () => {
    expect(decodeEventId(encodeEventId(SIGNALS))).toEqual(SIGNALS);
    expect(decodeEventId(encodeEventId(SIGNALS, KEY), KEY)).toEqual(SIGNALS);
  });

  it('are stable, so other subgraphs can join on them', () => {
    expect(encodeEventId({ ...SIGNALS })).toBe(encodeEventId(SIGNALS));
    expect(encodeEventId({ ...SIGNALS }, KEY)).toBe(encodeEventId(SIGNALS, KEY));
  });

  it('reveal nothing once sealed', () => {
    const sealed = encodeEventId(SIGNALS, KEY);
    expect(sealed).toMatch(/^ev2_/);
    const bytes = Buffer.from(sealed.slice(4), 'base64url').toString('latin1');
    for (const value of Object.values(SIGNALS)) expect(bytes).not.toContain(value);
  });

  it('refuse sealed ids without the key, with another key, or tampered with', () => {
    const sealed = encodeEventId(SIGNALS, KEY);
    expect(decodeEventId(sealed)).toBeUndefined();
    expect(decodeEventId(sealed, eventIdKey('another-secret-of-at-least-thirty-two-chars'))).toBeUndefined();
    const bytes = Buffer.from(sealed.slice(4), 'base64url');
    bytes[20] = (bytes[20] ?? 0) ^ 1;
    expect(decodeEventId(`ev2_${bytes.toString('base64url')}`, KEY)).toBeUndefined();
    expect(decodeEventId('ev2_AAAA', KEY)).toBeUndefined();
  });

  it('keep accepting readable ids issued before the secret was set', () => {
    expect(decodeEventId(encodeEventId(SIGNALS), KEY)).toEqual(SIGNALS);
  });

  it('fit under the length cap even sealed and at every maximum', () => {
    const longest = Object.fromEntries(
      Object.entries(SIGNAL_RULES).map(([field, rule]) => [
        field,
        '\\'.repeat(field === 'hitprobeProbeId' ? 0 : rule.maxLength),
      ]),
    );
    const id = encodeEventId(
      { ...longest, hitprobeProbeId: 'a'.repeat(22), ip: 'ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255' },
      KEY,
    );
    expect(id.length).toBeLessThanOrEqual(MAX_EVENT_ID_LENGTH);
    // Refused for its content (backslashes are no token), not for its length: the id was read.
    const validated = validateEventId(id, 'id', KEY);
    expect(validated.ok ? undefined : validated.problem.path).toMatch(/^id\.[a-zA-Z]+$/);
  });
});
