/**
 * What kind of personal data a GraphQL output field carries, which decides what `PII_MODE` does to
 * it on the way out (graphql/execution/pii-fields.ts). Vendor descriptors classify the fields of
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
  /** A vendor's whole payload: scrubbed of what the mode removes. */
  | 'vendorPayload';

/** One GraphQL output field that carries personal data. */
export interface PersonalDataField {
  type: string;
  field: string;
  kind: PersonalDataKind;
}
