/**
 * Vendors express instants four ways: epoch milliseconds (Fingerprint v4), epoch seconds
 * (Fingerprint factory reset), ISO 8601 with a zone (Fingerprint v3, Friendly Captcha) and ISO-ish
 * strings without a zone (Hitprobe `2024-05-20 09:10:27.656374`, TrustDecision `yyyy-MM-dd HH:mm:ss`).
 * The model keeps ISO 8601 UTC strings; zone-less strings are read as UTC.
 */

const ZONELESS = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d+)?$/;

export function isoFromEpochMs(ms: number | undefined): string | undefined {
  if (ms === undefined || !Number.isFinite(ms) || ms <= 0) return undefined;
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Epoch in seconds or milliseconds (values above 1e11 are taken as milliseconds). */
export function isoFromEpoch(value: number | undefined): string | undefined {
  if (value === undefined) return undefined;
  return isoFromEpochMs(value > 1e11 ? value : value * 1000);
}

export function isoFromString(value: string | undefined): string | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const zoneless = ZONELESS.exec(value.trim());
  const normalized = zoneless ? `${zoneless[1]}T${zoneless[2]}${(zoneless[3] ?? '').slice(0, 4)}Z` : value.trim();
  const time = Date.parse(normalized);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}
