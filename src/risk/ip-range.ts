import { isIP } from 'node:net';

/**
 * CIDR ranges (`203.0.113.0/24`, `2001:db8::/32`) of a checkpoint's allow and deny lists, and the
 * test whether an address falls in one. An IPv4-mapped IPv6 address (`::ffff:203.0.113.7`, what a
 * dual-stack socket reports) is the IPv4 address it carries.
 */
export interface IpRange {
  /** As written in the policy file. */
  readonly text: string;
  readonly version: 4 | 6;
  readonly network: Uint8Array;
  readonly prefix: number;
}

export type ParsedRange = { ok: true; range: IpRange } | { ok: false; problem: string };

/** Parses `address/prefix`; the address must be the network's first address (no host bits set). */
export function parseIpRange(text: string): ParsedRange {
  const slash = text.indexOf('/');
  const address = slash < 0 ? text : text.slice(0, slash);
  const prefixText = slash < 0 ? '' : text.slice(slash + 1);
  const version = ipVersion(address);
  if (version === undefined || address.includes('%')) {
    return {
      ok: false,
      problem: `${JSON.stringify(text)} is not a CIDR range such as 203.0.113.0/24 or 2001:db8::/32`,
    };
  }
  const bits = version === 4 ? 32 : 128;
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > bits) {
    return { ok: false, problem: `${JSON.stringify(text)} needs a prefix length from 0 to ${bits} after "/"` };
  }
  const prefix = Number(prefixText);
  const network = addressBytes(address, version);
  const first = masked(network, prefix);
  if (!first.every((byte, index) => byte === network[index])) {
    return {
      ok: false,
      problem: `${JSON.stringify(text)} has host bits set: the range starting there is ${formatAddress(first, version)}/${prefix}`,
    };
  }
  // A range of IPv4-mapped addresses is the IPv4 range they carry, as addresses are compared.
  if (version === 6 && prefix >= 96 && isIpv4Mapped(network)) {
    return { ok: true, range: { text, version: 4, network: network.slice(12), prefix: prefix - 96 } };
  }
  return { ok: true, range: { text, version, network, prefix } };
}

/** Whether `address` (an IPv4 or IPv6 address) is in `range`; false for anything else. */
export function inRange(address: string, range: IpRange): boolean {
  const parsed = comparableAddress(address);
  if (!parsed || parsed.version !== range.version) return false;
  const candidate = masked(parsed.bytes, range.prefix);
  return candidate.every((byte, index) => byte === range.network[index]);
}

function comparableAddress(address: string): { version: 4 | 6; bytes: Uint8Array } | undefined {
  const version = ipVersion(address);
  if (version === undefined) return undefined;
  const bytes = addressBytes(address, version);
  if (version === 6 && isIpv4Mapped(bytes)) return { version: 4, bytes: bytes.slice(12) };
  return { version, bytes };
}

function ipVersion(address: string): 4 | 6 | undefined {
  const version = isIP(address);
  return version === 4 || version === 6 ? version : undefined;
}

function isIpv4Mapped(bytes: Uint8Array): boolean {
  return bytes.slice(0, 10).every((byte) => byte === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
}

/** The bytes of an address `isIP` accepted (version 4 or 6). */
function addressBytes(address: string, version: 4 | 6): Uint8Array {
  return version === 4 ? ipv4Bytes(address) : ipv6Bytes(address);
}

function ipv4Bytes(address: string): Uint8Array {
  return Uint8Array.from(address.split('.').map(Number));
}

function ipv6Bytes(address: string): Uint8Array {
  const bytes = new Uint8Array(16);
  let text = address;
  // A trailing dotted quad (`::ffff:192.0.2.1`) is the last 32 bits.
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1];
  if (dotted) {
    bytes.set(ipv4Bytes(dotted), 12);
    text = `${text.slice(0, -dotted.length)}0:0`;
  }
  const [head = '', tail] = text.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : new Array<string>(8 - headGroups.length - tailGroups.length).fill('0');
  const groups = [...headGroups, ...zeros, ...tailGroups];
  groups.forEach((group, index) => {
    const value = Number.parseInt(group, 16);
    // The dotted quad's bytes are already in place.
    if (dotted && index >= 6) return;
    bytes[index * 2] = value >> 8;
    bytes[index * 2 + 1] = value & 0xff;
  });
  return bytes;
}

function masked(bytes: Uint8Array, prefix: number): Uint8Array {
  return bytes.map((byte, index) => {
    const kept = Math.max(0, Math.min(8, prefix - index * 8));
    return byte & ((0xff << (8 - kept)) & 0xff);
  });
}

function formatAddress(bytes: Uint8Array, version: 4 | 6): string {
  if (version === 4) return [...bytes].join('.');
  const groups: string[] = [];
  for (let index = 0; index < 16; index += 2)
    groups.push((((bytes[index] ?? 0) << 8) | (bytes[index + 1] ?? 0)).toString(16));
  // The longest run of zero groups becomes `::`, as addresses are usually written.
  const joined = `:${groups.join(':')}:`;
  const runs = joined.match(/(:0)+:/g) ?? [];
  const longest = runs.reduce((best, run) => (run.length > best.length ? run : best), '');
  const compressed = longest.length > 3 ? joined.replace(longest, '::') : joined;
  return compressed.replace(/^:(?!:)/, '').replace(/(?<!:):$/, '');
}
