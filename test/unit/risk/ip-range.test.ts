import { describe, expect, it } from 'vitest';
import { type IpRange, inRange, parseIpRange } from '../../../src/risk/ip-range.ts';

function range(text: string): IpRange {
  const parsed = parseIpRange(text);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.range;
}

describe('IP ranges of allow and deny lists', () => {
  it.each([
    ['203.0.113.0/24'],
    ['0.0.0.0/0'],
    ['198.51.100.7/32'],
    ['2001:db8::/32'],
    ['2001:db8:0:0:1::/80'],
    ['::/0'],
    ['2001:db8::1/128'],
  ])('reads %s', (text) => {
    expect(parseIpRange(text)).toMatchObject({ ok: true, range: { text } });
  });

  it.each([
    ['203.0.113.0', '"203.0.113.0" needs a prefix length from 0 to 32 after "/"'],
    ['203.0.113.0/33', '"203.0.113.0/33" needs a prefix length from 0 to 32 after "/"'],
    ['203.0.113.0/-1', '"203.0.113.0/-1" needs a prefix length from 0 to 32 after "/"'],
    ['203.0.113.0/2x', '"203.0.113.0/2x" needs a prefix length from 0 to 32 after "/"'],
    ['2001:db8::/129', '"2001:db8::/129" needs a prefix length from 0 to 128 after "/"'],
    ['203.0.113/24', '"203.0.113/24" is not a CIDR range such as 203.0.113.0/24 or 2001:db8::/32'],
    ['256.0.0.0/8', '"256.0.0.0/8" is not a CIDR range such as 203.0.113.0/24 or 2001:db8::/32'],
    ['2001:db8::g/32', '"2001:db8::g/32" is not a CIDR range such as 203.0.113.0/24 or 2001:db8::/32'],
    ['fe80::1%eth0/64', '"fe80::1%eth0/64" is not a CIDR range such as 203.0.113.0/24 or 2001:db8::/32'],
    ['', '"" is not a CIDR range such as 203.0.113.0/24 or 2001:db8::/32'],
    ['203.0.113.7/24', '"203.0.113.7/24" has host bits set: the range starting there is 203.0.113.0/24'],
    ['2001:db8::1/32', '"2001:db8::1/32" has host bits set: the range starting there is 2001:db8::/32'],
  ])('refuses %j with a message saying what is wrong', (text, problem) => {
    expect(parseIpRange(text)).toEqual({ ok: false, problem });
  });

  it('matches IPv4 addresses, including IPv4-mapped IPv6 ones', () => {
    const office = range('203.0.113.0/24');
    expect(inRange('203.0.113.0', office)).toBe(true);
    expect(inRange('203.0.113.255', office)).toBe(true);
    expect(inRange('::ffff:203.0.113.9', office)).toBe(true);
    expect(inRange('203.0.114.0', office)).toBe(false);
    expect(inRange('203.0.112.255', office)).toBe(false);
  });

  it('matches IPv6 addresses on any prefix length', () => {
    const network = range('2001:db8:bad::/48');
    expect(inRange('2001:db8:bad::1', network)).toBe(true);
    expect(inRange('2001:db8:bad:ffff:ffff:ffff:ffff:ffff', network)).toBe(true);
    expect(inRange('2001:db8:bae::', network)).toBe(false);
    expect(inRange('2001:0db8:0bad:0000::42', network)).toBe(true);
    expect(inRange('2001:db8::', range('2001:db8::/33'))).toBe(true);
    expect(inRange('2001:db8:8000::', range('2001:db8::/33'))).toBe(false);
  });

  it('reads a range of IPv4-mapped addresses as the IPv4 range, and never matches across families', () => {
    const mapped = range('::ffff:192.0.2.0/120');
    expect(inRange('192.0.2.77', mapped)).toBe(true);
    expect(inRange('192.0.3.1', mapped)).toBe(false);
    expect(inRange('203.0.113.7', range('::/0'))).toBe(false);
    expect(inRange('2001:db8::1', range('0.0.0.0/0'))).toBe(false);
    expect(inRange('not an address', range('0.0.0.0/0'))).toBe(false);
  });
});
