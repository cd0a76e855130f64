import { isIP } from 'node:net';

/** Longest textual IPv6 address (IPv4-mapped, `ffff:…:255.255.255.255`). */
export const MAX_IP_LENGTH = 45;

/**
 * An address a client connects from. Node's `isIP` also accepts IPv6 zone ids (`fe80::1%eth0`),
 * which name an interface of the machine that saw the address: meaningless here, and free text
 * that would travel on to a vendor.
 */
export function isClientIp(value: string): boolean {
  return value.length <= MAX_IP_LENGTH && !value.includes('%') && isIP(value) !== 0;
}
