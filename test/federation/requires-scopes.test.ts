import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import {
  type GraphQLField,
  type GraphQLInputObjectType,
  type GraphQLObjectType,
  isInputObjectType,
  isNonNullType,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { gatewaySupergraph } from '../../examples/supergraph/gateway-supergraph.ts';
import { personalDataFields } from '../../src/graphql/execution/pii-fields.ts';
import { createResolvers } from '../../src/graphql/execution/resolvers/index.ts';
import { buildSchema } from '../../src/graphql/schema.ts';
import { SUBGRAPH_SDL_PATH } from '../../src/graphql/subgraph-sdl.ts';
import { createLogger } from '../../src/logger.ts';
import { PII_READ_SCOPE, ROUTER_SCOPED_KINDS } from '../../src/privacy/personal-data.ts';
import { VENDOR_REGISTRY } from '../../src/vendors/registry.ts';
import { ORDERS_SDL } from './support/orders.ts';
import { argument, directive, ownFields as ownSchemaFields } from './support/schema-fields.ts';
import { composeSupergraph, startGateway } from './support/supergraph.ts';
import { USERS_SDL } from './support/users.ts';

/**
 * Router-enforced access to personal data: `@requiresScopes(scopes: [["pii:read"]])` marks exactly
 * the output fields the privacy classification (`personalDataFields`: the unified model's list and
 * each vendor descriptor's `view.personalData`) puts in a scoped kind, so a router gives them only
 * to clients holding `pii:read`. The decided differences with the other two markings:
 * - `PII_MODE` masks locations and addresses but not user agents or device attributes, which are
 *   scoped (they locate no one, yet single a device out); it masks addresses in free text, which is
 *   not scoped (it is there for its explanation);
 * - `@tag(name: "pii")` also marks identifiers and URLs (ids, visitor, device and probe ids, linked
 *   ids, page URLs), which are not scoped: they are the handles clients join and decide on, and the
 *   `@key` fields must stay readable for the router itself; raw payloads are tagged `internal`.
 */

const schema = buildSchema(createResolvers({ maxEventsPerQuery: 100 }, VENDOR_REGISTRY));

const tagOf = (field: GraphQLField<unknown, unknown>) => argument(directive(field, 'tag'), 'name');

const ownFields = () => ownSchemaFields(schema);

const name = ([type, field]: [{ name: string }, { name: string }]) => `${type.name}.${field.name}`;
/** Scopes a field requires, flattened (`[["pii:read"]]` → `["pii:read"]`). */
const scopesOf = (field: GraphQLField<unknown, unknown>) =>
  [argument(directive(field, 'requiresScopes'), 'scopes')].flat(2).filter((scope) => typeof scope === 'string');

/** The fields guarded as personal data (a write such as `Mutation.reportOutcome` asks for another scope). */
const scoped = ownFields().filter(([, field]) => scopesOf(field).includes('pii:read'));

/** Join handles and page addresses: personal, tagged `pii`, yet what every client may read. */
const IDENTIFIER = /^(id|identifiers|eventId|visitorId|deviceId|probeId|linkedId|url|referer|clientReferrer)$/;

describe('@requiresScopes(scopes: [["pii:read"]])', () => {
  it('is on exactly the fields the privacy classification puts in a scoped kind (a missing or extra one fails)', () => {
    const classified = personalDataFields(VENDOR_REGISTRY)
      .filter(({ kind }) => ROUTER_SCOPED_KINDS.has(kind))
      .map(({ type, field }) => `${type}.${field}`)
      .sort();
    expect(scoped.map(name).sort()).toEqual(classified);
    expect(classified.length).toBeGreaterThan(40);
  });

  it('always asks for the one scope, pii:read', () => {
    for (const [type, field] of scoped) {
      expect(argument(directive(field, 'requiresScopes'), 'scopes'), `${type.name}.${field.name}`).toEqual([
        [PII_READ_SCOPE],
      ]);
    }
  });

  it('covers IP addresses, locations below country, coordinates, device attributes, user agents and raw payloads', () => {
    const names = new Set(scoped.map(name));
    for (const field of [
      'IpInfo.address',
      'Geolocation.city',
      'Geolocation.subdivisions',
      'Geolocation.latitude',
      'Geolocation.longitude',
      'Geolocation.accuracyRadiusKm',
      'Geolocation.postalCode',
      'Device.userAgent',
      'Device.screenResolution',
      'FingerprintEvent.ipAddress',
      'FingerprintEvent.raw',
      'TrustDecisionDeviceDetail.deviceName',
      'FriendlyCaptchaNetwork.state',
      'HitprobeDevice.hardwareConcurrency',
      'DetectIpVerdict.raw',
    ]) {
      expect(names, field).toContain(field);
    }
    for (const field of [
      'Geolocation.country',
      'Geolocation.timezone',
      'IpInfo.vpn',
      'RiskLabel.detail',
      'Event.risk',
    ]) {
      expect(names, field).not.toContain(field);
    }
  });

  it('classifies every user agent and every raw payload, so a new one cannot be left unscoped', () => {
    const unclassified = ownFields()
      .filter(([, field]) => field.name === 'userAgent' || field.name === 'raw')
      .filter(([, field]) => !directive(field, 'requiresScopes'))
      .map(name);
    expect(unclassified).toEqual([]);
  });

  it('is never on a @key field, a type, an input field or an argument', () => {
    for (const typeName of ['Event', 'Device']) {
      const type = schema.getType(typeName) as GraphQLObjectType;
      expect(argument(directive(type, 'key'), 'fields')).toBe('id');
      expect(directive(type.getFields()['id']!, 'requiresScopes'), typeName).toBeUndefined();
      expect(directive(type, 'requiresScopes')).toBeUndefined();
    }
    const inputs = Object.values(schema.getTypeMap()).filter((type): type is GraphQLInputObjectType =>
      isInputObjectType(type),
    );
    for (const input of inputs) {
      for (const field of Object.values(input.getFields())) {
        expect(directive(field, 'requiresScopes'), `${input.name}.${field.name}`).toBeUndefined();
      }
    }
    for (const [type, field] of ownFields()) {
      for (const arg of field.args) {
        expect(directive(arg, 'requiresScopes'), `${type.name}.${field.name}(${arg.name})`).toBeUndefined();
      }
    }
  });

  it('is only on nullable fields: a router answers null for what a client may not read', () => {
    expect(scoped.filter(([, field]) => isNonNullType(field.type)).map(name)).toEqual([]);
  });

  it('agrees with the pii tag: scoped fields are tagged pii (raw payloads: internal); the other pii fields are identifiers', () => {
    expect(scoped.filter(([, field]) => !['pii', 'internal'].includes(String(tagOf(field)))).map(name)).toEqual([]);
    expect(scoped.filter(([, field]) => tagOf(field) === 'internal').map(([, field]) => field.name)).toEqual(
      Array(5).fill('raw'),
    );
    const taggedNotScoped = ownFields().filter(
      ([, field]) => tagOf(field) === 'pii' && !directive(field, 'requiresScopes'),
    );
    expect(taggedNotScoped.filter(([, field]) => !IDENTIFIER.test(field.name)).map(name)).toEqual([]);
    expect(taggedNotScoped.map(name)).toContain('Event.id');
  });

  it('is imported from the Federation 2.9 link the subgraph SDL publishes', () => {
    const sdl = readFileSync(SUBGRAPH_SDL_PATH, 'utf8');
    expect(sdl).toMatch(
      /@link\(url: "https:\/\/specs\.apollo\.dev\/federation\/v2\.9", import: \[[^\]]*"@requiresScopes"/,
    );
    expect(sdl).toContain('address: String @tag(name: "pii") @requiresScopes(scopes: [["pii:read"]])');
  });
});

describe('composed with the other subgraphs', () => {
  const compose = () =>
    composeSupergraph([
      {
        name: 'device-intelligence',
        url: 'http://127.0.0.1:4001/graphql',
        sdl: readFileSync(SUBGRAPH_SDL_PATH, 'utf8'),
      },
      { name: 'users', url: 'http://127.0.0.1:4002/', sdl: USERS_SDL },
      { name: 'orders', url: 'http://127.0.0.1:4003/', sdl: ORDERS_SDL },
    ]).supergraphSdl;

  it('gives the router the scopes, linked for SECURITY, on every scoped field', () => {
    const supergraphSdl = compose();
    expect(supergraphSdl).toContain('@link(url: "https://specs.apollo.dev/requiresScopes/v0.1", for: SECURITY)');
    expect(supergraphSdl.match(/@requiresScopes\(scopes: \[\["pii:read"\]\]\)/g)?.length).toBe(scoped.length);
    expect(supergraphSdl).toMatch(/latitude: Float @requiresScopes\(scopes: \[\["pii:read"\]\]\)/);
  });

  it('is refused by @apollo/gateway, which cannot enforce it, unless the link loses its SECURITY purpose', async () => {
    const supergraphSdl = compose();
    const asComposed = new ApolloServer({
      gateway: new ApolloGateway({ supergraphSdl, logger: createLogger('silent') }),
      logger: createLogger('silent'),
    });
    await expect(asComposed.start()).rejects.toThrow(/requiresScopes\/v0\.1 is for: SECURITY but is unsupported/);
    const gateway = await startGateway(supergraphSdl);
    try {
      const { result } = await gateway.execute('{ __type(name: "Geolocation") { fields { name } } }');
      // Served without enforcement: every field is there for every client.
      expect(JSON.stringify(result.data)).toContain('latitude');
    } finally {
      await gateway.close();
    }
    // Only the authorization features go (inaccessible, which the gateway enforces, keeps its purpose).
    const forGateway = gatewaySupergraph(supergraphSdl);
    expect(forGateway).not.toMatch(/requiresScopes/);
    expect(forGateway).toMatch(/@link\(url: "https:\/\/specs\.apollo\.dev\/inaccessible\/v[\d.]+", for: SECURITY\)/);
  });
});
