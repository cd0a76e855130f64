/**
 * What kind of personal data a GraphQL output field carries, which decides what `PII_MODE` does to
 * it on the way out (graphql/execution/pii-fields.ts) and whether a router lets only clients holding
 * the `pii:read` scope read it (`ROUTER_SCOPED_KINDS`). Vendor descriptors classify the fields of
 * their own views with these kinds; the unified model's fields are classified beside the rules.
 */
export type PersonalDataKind =
  /** An IP address: masked to its network in `none`. */
  | 'ipAddress'
  /** A place below country level (city, region): dropped in `none`. */
  | 'place'
  /** A latitude or longitude: rounded in `coarse`, dropped in `none`. */
  | 'coordinate'
  /** An accuracy radius around coordinates: widened in `coarse`, dropped in `none`. */
  | 'accuracyRadius'
  /** A postal code: dropped in `coarse` and `none`. */
  | 'postalCode'
  /** A street address or a place finer than a city (a township, a Wi-Fi network): dropped in `coarse` and `none`. */
  | 'precisePlace'
  /** Free text a vendor fills (rule names, explanations) that may quote an address: masked in `none`. */
  | 'freeText'
  /** A user agent string: never masked (it locates no one), but with the rest it singles a person out. */
  | 'userAgent'
  /**
   * A value the device reports about itself verbatim (screen, languages, time zone, hardware, the
   * device's name): never masked; alone common, together a fingerprint of the device.
   */
  | 'deviceAttribute'
  /** A vendor's whole payload: scrubbed of what the mode removes. */
  | 'vendorPayload';

/** One GraphQL output field that carries personal data. */
export interface PersonalDataField {
  type: string;
  field: string;
  kind: PersonalDataKind;
}

/** The scope a client needs for a router to let it read personal data (`@requiresScopes`). */
export const PII_READ_SCOPE = 'pii:read';

/**
 * The kinds whose fields carry `@requiresScopes(scopes: [["pii:read"]])` in the schema: all but
 * free text, which is there for its explanation and only incidentally quotes an address (`PII_MODE`
 * `none` masks it). test/federation/requires-scopes.test.ts holds the schema to this.
 */
export const ROUTER_SCOPED_KINDS: ReadonlySet<PersonalDataKind> = new Set([
  'ipAddress',
  'place',
  'precisePlace',
  'coordinate',
  'accuracyRadius',
  'postalCode',
  'userAgent',
  'deviceAttribute',
  'vendorPayload',
]);
