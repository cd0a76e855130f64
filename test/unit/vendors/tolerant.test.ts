import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  bool,
  DriftLog,
  geolocation,
  int,
  intLike,
  ipVersionOf,
  list,
  mapEnum,
  nonEmpty,
  num,
  numericString,
  obj,
  parseBody,
  root,
  str,
  strings,
  text,
  vocabulary,
} from '../../../src/vendors/tolerant.ts';

describe('tolerant fields', () => {
  it('turn a value of the wrong type, or null, into undefined instead of failing', () => {
    const schema = root({ a: str, b: num, c: int, d: bool });
    expect(schema.parse({ a: 1, b: 'x', c: 1.5, d: 'true' })).toEqual({
      a: undefined,
      b: undefined,
      c: undefined,
      d: undefined,
    });
    expect(schema.parse({ a: null, b: Number.POSITIVE_INFINITY, c: null, d: null })).toMatchObject({
      a: undefined,
      b: undefined,
    });
    expect(schema.parse({ a: 'x', b: 1.5, c: 2, d: false })).toEqual({ a: 'x', b: 1.5, c: 2, d: false });
  });

  it('read a blank string as absent', () => {
    const schema = root({ value: text });
    expect(schema.parse({ value: '  ' }).value).toBeUndefined();
    expect(schema.parse({ value: 'Chrome' }).value).toBe('Chrome');
    expect(nonEmpty('')).toBeUndefined();
    expect(nonEmpty(' x ')).toBe(' x ');
  });

  it('read integers sent as numbers or strings of digits', () => {
    const schema = root({ value: intLike });
    expect(schema.parse({ value: 8 }).value).toBe(8);
    expect(schema.parse({ value: ' -14816942 ' }).value).toBe(-14816942);
    expect(schema.parse({ value: '8.5' }).value).toBeUndefined();
    expect(schema.parse({ value: '1234567890123456' }).value).toBeUndefined();
    expect(schema.parse({ value: 1.5 }).value).toBeUndefined();
  });

  it('read ids sent as strings or numbers as strings', () => {
    const schema = root({ value: numericString });
    expect(schema.parse({ value: 15169 }).value).toBe('15169');
    expect(schema.parse({ value: 'AS15169' }).value).toBe('AS15169');
    expect(schema.parse({ value: true }).value).toBeUndefined();
  });

  it('keep unknown keys of objects and drop an object of the wrong type', () => {
    const schema = root({ nested: obj({ known: str }) });
    expect(schema.parse({ nested: { known: 'k', added: 1 }, extra: true })).toEqual({
      nested: { known: 'k', added: 1 },
      extra: true,
    });
    expect(schema.parse({ nested: 'not an object' }).nested).toBeUndefined();
  });

  it('drop invalid list items rather than the list', () => {
    expect(root({ items: list(z.number()) }).parse({ items: [1, 'two', 3, null] }).items).toEqual([1, 3]);
    expect(root({ items: strings }).parse({ items: ['a', 2, 'b'] }).items).toEqual(['a', 'b']);
    expect(root({ items: strings }).parse({ items: 'a' }).items).toBeUndefined();
  });

  it('read a vocabulary in first-seen order, trimmed, without blanks or repeats', () => {
    expect(root({ labels: vocabulary }).parse({ labels: [' vpn', 'tor', 'vpn', '', 7, 'tor '] }).labels).toEqual([
      'vpn',
      'tor',
    ]);
  });
});

describe('parseBody', () => {
  const schema = root({ id: str });

  it('parses an object with the tolerant schema', () => {
    expect(parseBody('DETECTIP', schema, { id: 'x', extra: 1 }, 'a verdict')).toEqual({ id: 'x', extra: 1 });
  });

  it('refuses a body that is not an object as VENDOR_BAD_RESPONSE, without the body', () => {
    let thrown: unknown;
    try {
      parseBody('DETECTIP', schema, 'secret-looking body', 'a verdict');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({
      code: 'VENDOR_BAD_RESPONSE',
      vendor: 'DETECTIP',
      message: 'answered a body that is not a verdict',
    });
    expect(String((thrown as Error).message)).not.toContain('secret-looking');
  });
});

describe('mapEnum', () => {
  const table = { low: 'LOW', high: 'HIGH' } as const;

  it('maps known values, keeps absent ones absent and reports unknown ones as UNKNOWN', () => {
    const unknown: string[] = [];
    const onUnknown = (value: string) => unknown.push(value);
    expect(mapEnum('high', table, onUnknown)).toBe('HIGH');
    expect(mapEnum(undefined, table, onUnknown)).toBeUndefined();
    expect(mapEnum('very_high', table, onUnknown)).toBe('UNKNOWN');
    expect(mapEnum('constructor', table, onUnknown)).toBe('UNKNOWN');
    expect(unknown).toEqual(['very_high', 'constructor']);
  });
});

describe('geolocation and ipVersionOf', () => {
  it('fill what a vendor does not say with null', () => {
    expect(geolocation({ city: 'Düsseldorf' })).toMatchObject({ city: 'Düsseldorf', country: null, latitude: null });
  });

  it('tell IPv4 from IPv6, and neither from a string that is no address', () => {
    expect(ipVersionOf('61.127.217.15')).toBe('V4');
    expect(ipVersionOf('2001:db8::1')).toBe('V6');
    expect(ipVersionOf('localhost')).toBeUndefined();
    expect(ipVersionOf(undefined)).toBeUndefined();
  });
});

describe('DriftLog', () => {
  it('records unknown enum values and field names, never field values, cut to 40 characters', () => {
    const drift = new DriftLog();
    drift.unknownEnum('bot')('suspicious_new_kind');
    drift.unknownEnum('band')('x'.repeat(60));
    drift.unknownFields('ip', { known: 1, added: 'value 203.0.113.9' }, { known: 1 });
    drift.unknownFields('', { top: true }, {});
    drift.unknownFields('absent', undefined, {});
    expect(drift.entries).toEqual([
      'enum:bot=suspicious_new_kind',
      `enum:band=${'x'.repeat(40)}`,
      'field:ip.added',
      'field:top',
    ]);
  });
});
