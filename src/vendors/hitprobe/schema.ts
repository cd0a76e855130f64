import { z } from 'zod';
import { bool, intLike, list, obj, root, text } from '../tolerant.ts';

/**
 * Tolerant schema of Hitprobe's `POST /api/v1/event` answer (docs/vendors/hitprobe.md). Only `device` and
 * `rules` are documented; `success` and `valid` are always in `device`, everything else only when
 * both are true. Integers are accepted quoted too (the docs quote `memory: "8"`). The other result
 * objects the docs hint at (`email`, `phone`, `ip`, `address`) pass through into `raw`.
 */
export const deviceShape = {
  success: bool,
  valid: bool,
  probe_id: text,
  probe_created_at: text,
  probe_mins_elapsed: intLike,
  probe_unique: bool,
  probe_ip_match: bool,
  probe_suspect: bool,
  device_id: text,
  ipv4: text,
  ipv6: text,
  browser_name: text,
  private_browsing: bool,
  headless_browser: bool,
  platform: text,
  vendor: text,
  memory: intLike,
  hardware_concurrency: intLike,
  language: text,
  screen_resolution: text,
  timezone: text,
  timezone_mismatch: bool,
  bot: bool,
  anonymous: bool,
  ua: text,
  ua_browser_family: text,
  ua_browser_version: text,
  ua_os_family: text,
  ua_os_version: text,
  ua_device_brand: text,
  ua_device_family: text,
  ua_device_model: text,
  ua_mobile: bool,
  ua_tablet: bool,
  ua_touch_capable: bool,
  ua_pc: bool,
  ua_crawler: bool,
  first_seen: text,
  last_seen: text,
  seen_hour: intLike,
  seen_day: intLike,
  seen_month: intLike,
  seen_quarter: intLike,
  unique_networks: intLike,
  unique_emails: intLike,
  unique_phone_numbers: intLike,
  unique_postal_codes: intLike,
};

export const eventShape = {
  device: obj(deviceShape),
  rules: list(z.looseObject({ id: z.string().min(1), type: text, name: text, action: text })),
};

export const eventSchema = root(eventShape);
export type HitprobeEvent = z.output<typeof eventSchema>;
export type HitprobeDeviceObject = NonNullable<HitprobeEvent['device']>;
export type HitprobeRuleObject = NonNullable<HitprobeEvent['rules']>[number];
