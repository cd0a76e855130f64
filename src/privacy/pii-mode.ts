/**
 * How much location and network precision responses carry (`PII_MODE`):
 * - `full`: what the vendors said;
 * - `coarse`: coordinates rounded to 1 decimal (about 11 km), no postal code, accuracy radius at
 *   least 25 km; cities and IP addresses stay;
 * - `none`: no coordinates, accuracy radius, city, postal code or subdivisions; IP addresses masked
 *   to their /24 (IPv4) or /48 (IPv6) network.
 */
export const PII_MODES = ['full', 'coarse', 'none'] as const;
export type PiiMode = (typeof PII_MODES)[number];
