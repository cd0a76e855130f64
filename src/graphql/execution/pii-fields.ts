import { defaultFieldResolver, type GraphQLSchema, isObjectType } from 'graphql';
import type { PersonalDataField, PersonalDataKind } from '../../privacy/personal-data.ts';
import { maskIp, maskIpsInText, roundCoordinate, scrubJson, widenRadius } from '../../privacy/pii.ts';
import type { PiiMode } from '../../privacy/pii-mode.ts';
import type { VendorRegistry } from '../../vendors/registry.ts';

/**
 * `PII_MODE` applied in one place, on the way out: the fields below are wrapped in the executable
 * schema, so every path to them (queries, `_entities`, lists) is covered and no resolver or vendor
 * mapper needs to know the mode. The unified model's fields are listed here; each vendor's
 * descriptor lists its view's (and every view's `raw` payload is scrubbed). The list is checked
 * against the schema at start-up and, by test/federation/requires-scopes.test.ts, against the
 * fields tagged `pii` and those carrying `@requiresScopes`.
 */

type Transform = (value: unknown, parent: unknown) => unknown;

const drop: Transform = () => null;

/** What each kind of personal data becomes in `coarse` and `none` (absent: unchanged). */
const TREATMENT: Readonly<Record<PersonalDataKind, Partial<Record<Exclude<PiiMode, 'full'>, Transform>>>> = {
  ipAddress: { none: (value) => (value === null || value === undefined ? value : maskIp(value)) },
  place: { none: drop },
  coordinate: { coarse: (value) => roundCoordinate(value), none: drop },
  accuracyRadius: {
    coarse: (value, parent) => {
      const geo = parent as { latitude?: unknown; longitude?: unknown } | null;
      return widenRadius(value, typeof geo?.latitude === 'number' || typeof geo?.longitude === 'number');
    },
    none: drop,
  },
  postalCode: { coarse: drop, none: drop },
  precisePlace: { coarse: drop, none: drop },
  freeText: { none: (value) => maskIpsInText(value) },
  // Not about location or network precision: only a router's scope check (`pii:read`) guards them.
  userAgent: {},
  deviceAttribute: {},
  vendorPayload: { coarse: (value) => scrubJson(value, 'coarse'), none: (value) => scrubJson(value, 'none') },
};

/** The unified model's personal data. */
const MODEL_FIELDS: readonly PersonalDataField[] = [
  // The merged IP's location.
  { type: 'Geolocation', field: 'latitude', kind: 'coordinate' },
  { type: 'Geolocation', field: 'longitude', kind: 'coordinate' },
  { type: 'Geolocation', field: 'accuracyRadiusKm', kind: 'accuracyRadius' },
  { type: 'Geolocation', field: 'postalCode', kind: 'postalCode' },
  { type: 'Geolocation', field: 'city', kind: 'place' },
  { type: 'Geolocation', field: 'subdivisions', kind: 'place' },
  { type: 'IpInfo', field: 'address', kind: 'ipAddress' },
  // The merged device's user agent, and the attributes it reports about itself.
  { type: 'Device', field: 'userAgent', kind: 'userAgent' },
  { type: 'Device', field: 'screenResolution', kind: 'deviceAttribute' },
  { type: 'Device', field: 'language', kind: 'deviceAttribute' },
  { type: 'Device', field: 'timezone', kind: 'deviceAttribute' },
  // Free text that vendors fill (rule names, explanations) may quote an address.
  { type: 'RiskLabel', field: 'detail', kind: 'freeText' },
];

/** Every personal-data field of the schema that `registry`'s vendors make up. */
export function personalDataFields(registry: VendorRegistry): PersonalDataField[] {
  return [
    ...MODEL_FIELDS,
    ...registry.descriptors.flatMap(({ view }) => [
      ...view.personalData,
      { type: view.type, field: 'raw', kind: 'vendorPayload' } satisfies PersonalDataField,
    ]),
  ];
}

/** Wraps the resolvers of the fields `mode` changes; `full` leaves the schema untouched. */
export function applyPiiMode(schema: GraphQLSchema, mode: PiiMode, registry: VendorRegistry): GraphQLSchema {
  if (mode === 'full') return schema;
  for (const { type: typeName, field: fieldName, kind } of personalDataFields(registry)) {
    const transform = TREATMENT[kind][mode];
    const type = schema.getType(typeName);
    const field = isObjectType(type) ? type.getFields()[fieldName] : undefined;
    // A renamed field must not silently stop being protected.
    if (!field) throw new Error(`PII_MODE rule names ${typeName}.${fieldName}, which the schema does not have`);
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
