import { defaultFieldResolver, type GraphQLSchema, isObjectType } from 'graphql';
import { maskIp, maskIpsInText, roundCoordinate, scrubJson, widenRadius } from '../../privacy/pii.ts';
import type { PiiMode } from '../../privacy/pii-mode.ts';

/**
 * `PII_MODE` applied in one place, on the way out: the fields below are wrapped in the executable
 * schema, so every path to them (queries, `_entities`, lists) is covered and no resolver or vendor
 * mapper needs to know the mode. The table is checked against the schema at start-up and, by a
 * test, against every field tagged `pii`.
 */

type Transform = (value: unknown, parent: unknown) => unknown;

export interface PiiFieldRule {
  type: string;
  field: string;
  coarse?: Transform;
  none?: Transform;
}

const drop: Transform = () => null;
const round: Transform = (value) => roundCoordinate(value);
const mask: Transform = (value) => (value === null || value === undefined ? value : maskIp(value));
const radius: Transform = (value, parent) => {
  const geo = parent as { latitude?: unknown; longitude?: unknown } | null;
  return widenRadius(value, typeof geo?.latitude === 'number' || typeof geo?.longitude === 'number');
};
const scrubCoarse: Transform = (value) => scrubJson(value, 'coarse');
const scrubNone: Transform = (value) => scrubJson(value, 'none');
const maskText: Transform = (value) => maskIpsInText(value);

const RAW_FIELDS = [
  'FingerprintEvent',
  'TrustDecisionDevice',
  'FriendlyCaptchaRiskIntelligence',
  'DetectIpVerdict',
  'HitprobeDevice',
].map((type): PiiFieldRule => ({ type, field: 'raw', coarse: scrubCoarse, none: scrubNone }));

export const PII_FIELD_RULES: readonly PiiFieldRule[] = [
  // The merged IP's location.
  { type: 'Geolocation', field: 'latitude', coarse: round, none: drop },
  { type: 'Geolocation', field: 'longitude', coarse: round, none: drop },
  { type: 'Geolocation', field: 'accuracyRadiusKm', coarse: radius, none: drop },
  { type: 'Geolocation', field: 'postalCode', coarse: drop, none: drop },
  { type: 'Geolocation', field: 'city', none: drop },
  { type: 'Geolocation', field: 'subdivisions', none: drop },
  { type: 'IpInfo', field: 'address', none: mask },
  // Vendor views that carry an IP or a place.
  { type: 'FingerprintEvent', field: 'ipAddress', none: mask },
  { type: 'FriendlyCaptchaNetwork', field: 'ip', none: mask },
  { type: 'FriendlyCaptchaNetwork', field: 'city', none: drop },
  { type: 'FriendlyCaptchaNetwork', field: 'state', none: drop },
  { type: 'HitprobeDevice', field: 'ipv4', none: mask },
  { type: 'HitprobeDevice', field: 'ipv6', none: mask },
  { type: 'TrustDecisionDeviceDetail', field: 'ip', none: mask },
  { type: 'TrustDecisionIpLocation', field: 'city', none: drop },
  { type: 'TrustDecisionIpLocation', field: 'region', none: drop },
  // Free text that vendors fill (rule names, explanations) may quote an address.
  { type: 'RiskLabel', field: 'detail', none: maskText },
  { type: 'DetectIpSignal', field: 'detail', none: maskText },
  ...RAW_FIELDS,
];

/** Wraps the resolvers of the fields `mode` changes; `full` leaves the schema untouched. */
export function applyPiiMode(schema: GraphQLSchema, mode: PiiMode): GraphQLSchema {
  if (mode === 'full') return schema;
  for (const rule of PII_FIELD_RULES) {
    const transform = rule[mode];
    const type = schema.getType(rule.type);
    const field = isObjectType(type) ? type.getFields()[rule.field] : undefined;
    // A renamed field must not silently stop being protected.
    if (!field) throw new Error(`PII_MODE rule names ${rule.type}.${rule.field}, which the schema does not have`);
    if (!transform) continue;
    const resolve = field.resolve ?? defaultFieldResolver;
    field.resolve = (source, args, context, info) => {
      const value: unknown = resolve(source, args, context, info);
      return value instanceof Promise
        ? value.then((resolved: unknown) => transform(resolved, source))
        : transform(value, source);
    };
  }
  return schema;
}
