import {
  type FieldNode,
  type GraphQLField,
  type GraphQLNamedType,
  GraphQLObjectType,
  type GraphQLType,
  getNamedType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { IMMUTABLE_MAX_AGE_SECONDS } from '../../src/graphql/execution/cache-hints.ts';
import { eventFieldNeeds } from '../../src/graphql/execution/plan.ts';
import { createResolvers } from '../../src/graphql/execution/resolvers/index.ts';
import { buildSchema } from '../../src/graphql/schema.ts';
import type { Vendor } from '../../src/model/vendor.ts';
import { VENDOR_REGISTRY } from '../../src/vendors/registry.ts';
import { argument, directive, ownFields as ownSchemaFields } from './support/schema-fields.ts';

/**
 * The demand-control, contract and cache directives are promises to the router and to contract
 * variants. These tests keep them true as the schema grows: a new list without `@listSize`, a
 * vendor-calling field without its `@cost`, a personal-data field without `pii` fails here.
 */

const schema = buildSchema(createResolvers({ maxEventsPerQuery: 100 }, VENDOR_REGISTRY));

/** What one call to each vendor is worth to a router's demand control (docs/federation.md). */
const VENDOR_WEIGHT: Record<Vendor, number> = {
  FINGERPRINT: 3, // not billed, but rate-limited to 5 req/s per key
  TRUSTDECISION: 10, // billed per device query, the slowest API
  FRIENDLY_CAPTCHA: 5, // counted against the plan's quota
  DETECTIP: 5, // counted against the monthly quota
  HITPROBE: 10, // billed per event, and every call records one (side effect)
};
/** One Fingerprint event search by visitor id (`Query.device`, `Device` references). */
const VISITOR_SEARCH_WEIGHT = 5;

/** `[T]`, `[T]!`, `[T!]!`… */
function isListOf(type: GraphQLType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}

const isList = (field: GraphQLField<unknown, unknown>): boolean => isListOf(field.type);

const ownFields = () => ownSchemaFields(schema);

/** A field node selecting every direct sub-field of `type`: the widest selection a client can make. */
function selectingEverything(name: string, type: GraphQLNamedType): FieldNode {
  const fields = type instanceof GraphQLObjectType ? Object.keys(type.getFields()) : [];
  return {
    kind: Kind.FIELD,
    name: { kind: Kind.NAME, value: name },
    selectionSet: {
      kind: Kind.SELECTION_SET,
      selections: fields.map((field) => ({ kind: Kind.FIELD, name: { kind: Kind.NAME, value: field } })),
    },
  };
}

const NO_FRAGMENTS = { fragments: {}, variableValues: {} };

/** Sum of the weights of the vendors an `Event` field can call, given the widest selection. */
function vendorWeight(field: GraphQLField<unknown, unknown>): number {
  const type = getNamedType(field.type);
  const vendors = eventFieldNeeds(
    field.name,
    [selectingEverything(field.name, type)],
    NO_FRAGMENTS,
    type.name,
    VENDOR_REGISTRY,
  );
  return [...vendors].reduce((sum, vendor) => sum + VENDOR_WEIGHT[vendor], 0);
}

describe('@listSize', () => {
  it('is on every list field and every field taking a list argument', () => {
    const missing = ownFields()
      .filter(([, field]) => isList(field) || field.args.some((arg) => isListOf(arg.type)))
      .filter(([, field]) => !directive(field, 'listSize'))
      .map(([type, field]) => `${type.name}.${field.name}`);
    expect(missing).toEqual([]);
  });

  it('sizes Query.events by the configured cap and recentEvents by its `first` argument', () => {
    const events = directive(schema.getQueryType()!.getFields()['events']!, 'listSize');
    expect(argument(events, 'assumedSize')).toBe(100);
    const recent = directive((schema.getType('Device') as GraphQLObjectType).getFields()['recentEvents']!, 'listSize');
    expect(argument(recent, 'slicingArguments')).toEqual(['first']);
    // `first` has a default; a router must not reject queries that leave it out.
    expect(argument(recent, 'requireOneSlicingArgument')).toBe(false);
  });
});

describe('@cost', () => {
  const event = schema.getType('Event') as GraphQLObjectType;
  const vendorFields = Object.values(event.getFields()).filter((field) => vendorWeight(field) > 0);

  it('weighs each Event field that calls vendors as the vendors it can call', () => {
    const weights = Object.fromEntries(
      vendorFields
        .filter((field) => !isList(field))
        .map((field) => [field.name, argument(directive(field, 'cost'), 'weight')]),
    );
    const expected = Object.fromEntries(
      vendorFields.filter((field) => !isList(field)).map((field) => [field.name, vendorWeight(field)]),
    );
    expect(weights).toEqual(expected);
    expect(expected).toMatchObject({ risk: 33, ip: 33, fingerprint: 3, hitprobe: 10, velocity: 13 });
  });

  it('prices vendor-calling lists per item so that the assumed size covers the calls', () => {
    // A router multiplies a list field's weight by its size; the default weight of an object is 1.
    for (const field of vendorFields.filter(isList)) {
      const weight = Number(argument(directive(field, 'cost'), 'weight') ?? 1);
      const size = Number(argument(directive(field, 'listSize'), 'assumedSize'));
      expect(weight * size, `Event.${field.name}`).toBeGreaterThanOrEqual(vendorWeight(field));
    }
  });

  it('prices a device resolved by id as one visitor search, wherever the reference comes from', () => {
    expect(argument(directive(schema.getType('Device')!, 'cost'), 'weight')).toBe(VISITOR_SEARCH_WEIGHT);
    expect(argument(directive(schema.getQueryType()!.getFields()['device']!, 'cost'), 'weight')).toBe(
      VISITOR_SEARCH_WEIGHT,
    );
  });

  it('is only where a vendor is called', () => {
    const weighted = ownFields()
      .filter(([, field]) => directive(field, 'cost'))
      .map(([type, field]) => `${type.name}.${field.name}`)
      .sort();
    const expected = [
      ...vendorFields.filter((field) => !isList(field)).map((field) => `Event.${field.name}`),
      'Query.device',
      // The one vendor write: an outcome sent back.
      'Mutation.reportOutcome',
    ].sort();
    expect(weighted).toEqual(expected);
  });
});

describe('@tag', () => {
  it('marks every raw vendor payload internal', () => {
    const raw = ownFields().filter(([, field]) => field.name === 'raw');
    expect(raw.map(([type]) => type.name).sort()).toEqual([
      'DetectIpVerdict',
      'FingerprintEvent',
      'FriendlyCaptchaRiskIntelligence',
      'HitprobeDevice',
      'TrustDecisionDevice',
    ]);
    for (const [type, field] of raw) {
      expect(argument(directive(field, 'tag'), 'name'), `${type.name}.raw`).toBe('internal');
    }
  });

  it('marks personal data pii: identifiers, IP addresses, precise locations, URLs, user agents', () => {
    const personal =
      /^(id|identifiers|eventId|probeId|visitorId|deviceId|linkedId|url|ip|ipAddress|ipv4|ipv6|address|city|latitude|longitude|postalCode|userAgent)$/;
    // A rule id names a rule, not a person; `Event.ip` is the object whose fields are tagged.
    const notPersonal = new Set(['HitprobeRule.id', 'Event.ip']);
    const untagged = ownFields()
      .filter(([type, field]) => personal.test(field.name) && !notPersonal.has(`${type.name}.${field.name}`))
      .filter(([, field]) => argument(directive(field, 'tag'), 'name') !== 'pii')
      .map(([type, field]) => `${type.name}.${field.name}`);
    expect(untagged).toEqual([]);
    const ip = schema.getType('SignalsInput');
    expect(ip && 'getFields' in ip ? argument(directive(ip.getFields()['ip']!, 'tag'), 'name') : undefined).toBe('pii');
  });
});

describe('@cacheControl', () => {
  it('keeps Event and Device PRIVATE, Event immutable by default, verdicts short, sources uncacheable', () => {
    const event = directive(schema.getType('Event')!, 'cacheControl');
    expect([argument(event, 'maxAge'), argument(event, 'scope')]).toEqual([IMMUTABLE_MAX_AGE_SECONDS, 'PRIVATE']);
    expect(argument(directive(schema.getType('Device')!, 'cacheControl'), 'scope')).toBe('PRIVATE');
    const fields = (schema.getType('Event') as GraphQLObjectType).getFields();
    expect(argument(directive(fields['sources']!, 'cacheControl'), 'maxAge')).toBe(0);
    // Verdicts answer "what should we do now": a minute at most, however long the facts live.
    expect(argument(directive(fields['risk']!, 'cacheControl'), 'maxAge')).toBe(60);
    expect(argument(directive(fields['bot']!, 'cacheControl'), 'maxAge')).toBe(60);
  });

  it('gives every other object a hint, so nested objects inherit instead of defaulting to uncacheable', () => {
    const unhinted = Object.values(schema.getTypeMap())
      .filter((type) => isObjectType(type) && !type.name.startsWith('_'))
      .filter((type) => type !== schema.getQueryType() && type !== schema.getMutationType())
      .filter((type) => !directive(type, 'cacheControl'))
      .map((type) => type.name);
    expect(unhinted).toEqual([]);
  });
});
