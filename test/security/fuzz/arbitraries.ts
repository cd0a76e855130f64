import fc from 'fast-check';
import {
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
} from 'graphql';
import { encodeEventId } from '../../../src/signals/event-id.ts';
import type { Signals } from '../../../src/signals/signals.ts';
import { LAYOUT, SIGNAL_FIELDS } from '../../support/signals.ts';
import {
  DEVICE_SELECTIONS,
  DIRECTIVES,
  EVENT_SELECTIONS,
  GRAPHQL_TOKENS,
  HOSTILE_STRINGS,
  LEGAL_TOKENS,
} from './vocabulary.ts';

/**
 * fast-check arbitraries for whole HTTP requests to the subgraph: random and hostile documents,
 * variables, tokens, headers, bodies, methods, paths and raw request lines.
 */

export type Target = 'production' | 'development';

export interface FuzzRequest {
  /** Which subgraph receives it (production: router secret, canary keys; development: simulator keys). */
  target: Target;
  /** Written byte by byte on a fresh socket instead of through undici. */
  raw: boolean;
  method: string;
  /** Path and query string. */
  path: string;
  headers: Record<string, string>;
  body: string | undefined;
  /** Strings the request carried (tokens, IPs, names) that must come back in no error and no log. */
  sensitive: string[];
}

interface Document {
  query: string;
  variables?: unknown;
  sensitive: string[];
}

/** `arbitrary` one time in `oneIn`, null otherwise (fc.option's `freq` is the odds of null, the other way round). */
function sometimes<T>(arbitrary: fc.Arbitrary<T>, oneIn: number): fc.Arbitrary<T | null> {
  return fc.oneof({ weight: oneIn - 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary });
}

const DEGRADED_BLACK_BOX = 'Zx9+/Qw3='.repeat(600);
const OVER_LIMIT = 'A'.repeat(16_385);
const HUGE = 'B'.repeat(70_000);

const generatedLegal: Readonly<Record<string, fc.Arbitrary<string>>> = {
  fingerprintEventId: fc.stringMatching(/^17\d{11}\.[A-Za-z0-9]{6}$/),
  fingerprintSealedResult: fc.base64String({ minLength: 4, maxLength: 120 }),
  trustDecisionBlackBox: fc.oneof(fc.stringMatching(/^[A-Za-z0-9]{26}$/), fc.constant(DEGRADED_BLACK_BOX)),
  friendlyCaptchaToken: fc.stringMatching(/^frc-[a-z0-9]{12,24}$/),
  detectIpToken: fc.stringMatching(/^botd-[A-Za-z0-9_-]{10,30}$/),
  hitprobeProbeId: fc.stringMatching(/^[A-Za-z0-9_-]{22}$/),
  ip: fc.oneof(fc.ipV4(), fc.ipV6()),
};

/** Each registered signal field needs its arbitraries above. */
function arbitraryFor<T>(table: Readonly<Record<string, T>>, field: string): T {
  const arbitrary = table[field];
  if (arbitrary === undefined) throw new Error(`no fuzz values for signal ${field}`);
  return arbitrary;
}

const legal = (field: string): fc.Arbitrary<string> =>
  field === 'fingerprintSealedResult'
    ? arbitraryFor(generatedLegal, field)
    : fc.constantFrom(...arbitraryFor<readonly string[]>(LEGAL_TOKENS, field));

const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.ipV4Extended() },
  { weight: 1, arbitrary: fc.constantFrom(OVER_LIMIT, HUGE) },
);

const nonString: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 2 }),
);

const signalValue = (field: string): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 5, arbitrary: legal(field) },
    { weight: 3, arbitrary: arbitraryFor(generatedLegal, field) },
    { weight: 3, arbitrary: hostileString },
    { weight: 1, arbitrary: nonString },
    { weight: 1, arbitrary: fc.constant('') },
  );

const signalsArbitrary: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(
    fc.record(Object.fromEntries(SIGNAL_FIELDS.map((field) => [field, signalValue(field)])), { requiredKeys: [] }),
    sometimes(
      fc.tuple(
        fc.oneof(fc.constantFrom('fingerprintEventld', 'token', '__proto__'), fc.string({ maxLength: 12 })),
        nonString,
      ),
      8,
    ),
  )
  .map(([record, extra]) => (extra ? { ...record, [extra[0]]: extra[1] } : record));

/** Legal signals only: what an Event id issued by us can carry. */
const legalSignals: fc.Arbitrary<Signals> = fc.record(
  Object.fromEntries(SIGNAL_FIELDS.map((field) => [field, legal(field)])),
  { requiredKeys: [] },
);

/**
 * Every string inside a value: what the request carried. Keys count in variables (JSON, any
 * text); in a literal they are GraphQL names the document itself spells, which messages may quote.
 */
export function stringsIn(value: unknown, keys = true, into: string[] = []): string[] {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) for (const item of value) stringsIn(item, keys, into);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (keys) into.push(key);
      stringsIn(item, keys, into);
    }
  }
  return into;
}

/** Every key inside a value. */
function keysIn(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) keysIn(item, into);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      into.add(key);
      keysIn(item, into);
    }
  }
  return into;
}

/** A value as a GraphQL literal (invalid GraphQL when the value demands it: that is fuzzing too). */
function literal(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '0';
  if (typeof value === 'boolean' || value === null) return String(value);
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([key, item]) => `${key}: ${literal(item)}`)
      .join(', ')}}`;
  }
  return 'null';
}

const eventSelection = fc
  .subarray([...EVENT_SELECTIONS], { minLength: 1, maxLength: 6 })
  .map((parts) => parts.join(' '));

const eventByVariables: fc.Arbitrary<Document> = fc
  .tuple(signalsArbitrary, eventSelection)
  .map(([signals, selection]) => ({
    query: `query Check($s: SignalsInput!) { event(signals: $s) { ${selection} } }`,
    variables: { s: signals },
    sensitive: stringsIn(signals),
  }));

const eventByLiteral: fc.Arbitrary<Document> = fc
  .tuple(signalsArbitrary, eventSelection)
  .map(([signals, selection]) => ({
    query: `{ event(signals: ${literal(signals)}) { ${selection} } }`,
    // A value the document also spells as a field name (`__proto__: "__proto__"`) may be quoted as a name.
    sensitive: stringsIn(signals, false).filter((value) => !keysIn(signals).has(value)),
  }));

const eventsList: fc.Arbitrary<Document> = fc
  .tuple(
    fc.oneof(
      { weight: 5, arbitrary: fc.array(signalsArbitrary, { maxLength: 4 }) },
      {
        weight: 1,
        arbitrary: fc
          .integer({ min: 95, max: 120 })
          .map((count) => Array.from({ length: count }, () => ({ detectIpToken: 'botd-fuzz-token-0002' }))),
      },
      { weight: 1, arbitrary: signalsArbitrary },
    ),
    eventSelection,
  )
  .map(([signals, selection]) => ({
    query: `query($s: [SignalsInput!]!) { events(signals: $s) { ${selection} } }`,
    variables: { s: signals },
    sensitive: stringsIn(signals),
  }));

const deviceById: fc.Arbitrary<Document> = fc
  .tuple(
    fc.oneof(
      fc.constantFrom(
        'fingerprint:Ibk1527CUFmcnjLwIs4A9',
        'trustdecision:td-device-1',
        'hitprobe:hpDevice00000000000001',
      ),
      fc.stringMatching(/^fingerprint:[A-Za-z0-9]{20}$/),
      hostileString,
      nonString,
    ),
    fc.subarray([...DEVICE_SELECTIONS], { minLength: 1 }),
  )
  .map(([id, selection]) => ({
    query: `query($id: ID!) { device(id: $id) { ${selection.join(' ')} } }`,
    variables: { id },
    sensitive: stringsIn(id),
  }));

const representation: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 4,
    arbitrary: legalSignals.map((signals) => ({ __typename: 'Event', id: encodeEventId(signals, LAYOUT) })),
  },
  {
    weight: 2,
    arbitrary: signalsArbitrary.map((signals) => ({
      __typename: 'Event',
      id: encodeEventId(
        Object.fromEntries(Object.entries(signals).filter(([, value]) => typeof value === 'string')) as Signals,
        LAYOUT,
      ),
    })),
  },
  {
    weight: 2,
    arbitrary: fc.record({ __typename: fc.constantFrom('Event', 'Device'), id: fc.oneof(hostileString, nonString) }),
  },
  { weight: 1, arbitrary: fc.constant({ __typename: 'Device', id: 'fingerprint:Ibk1527CUFmcnjLwIs4A9' }) },
  {
    weight: 1,
    arbitrary: fc.record({
      __typename: fc.oneof(fc.constantFrom('Query', 'Geolocation', '_Service', 'event'), fc.string({ maxLength: 10 })),
    }),
  },
  { weight: 1, arbitrary: nonString },
);

const entities: fc.Arbitrary<Document> = fc
  .tuple(fc.array(representation, { maxLength: 6 }), eventSelection)
  .map(([representations, selection]) => ({
    query: `query($r: [_Any!]!) { _entities(representations: $r) { __typename ... on Event { ${selection} } ... on Device { id platform } } }`,
    variables: { r: representations },
    // `__typename` and `id` are the representation format; their values are what the caller sent.
    sensitive: stringsIn(representations, false),
  }));

const fixedDocuments: fc.Arbitrary<Document> = fc.constantFrom(
  { query: '{ _service { sdl } }', sensitive: [] },
  { query: '{ __schema { queryType { name } types { name fields { name } } } }', sensitive: [] },
  {
    query: '{ __schema { types { fields { type { fields { type { fields { type { name } } } } } } } } }',
    sensitive: [],
  },
  { query: '{ __type(name: "Event") { fields { name args { name } } } }', sensitive: [] },
  { query: 'mutation { event }', sensitive: [] },
  { query: 'subscription { event }', sensitive: [] },
  { query: '{ event(signals: {}) { id } event(signals: {ip: "61.127.217.15"}) { id } }', sensitive: [] },
  { query: 'query A { __typename } query B { __typename }', sensitive: [] },
  { query: 'query($x: Int) { __typename @skip(if: $y) }', sensitive: [] },
  { query: 'fragment A on Event { ...B } fragment B on Event { ...A } { event(signals: {}) { ...A } }', sensitive: [] },
  { query: '', sensitive: [] },
  { query: '{}', sensitive: [] },
  { query: '# only a comment', sensitive: [] },
);

const hostileShapes: fc.Arbitrary<Document> = fc.oneof(
  fc.integer({ min: 1, max: 40 }).map((depth) => {
    let selection = 'id';
    for (let level = depth; level >= 1; level -= 1) {
      selection = level % 2 === 1 ? `device { ${selection} }` : `recentEvents(first: ${level}) { ${selection} }`;
    }
    return {
      query: `{ event(signals: {fingerprintEventId: "1708102555327.NLOjmg"}) { ${selection} } }`,
      sensitive: [],
    };
  }),
  fc.integer({ min: 2, max: 60 }).map((count) => ({
    query: `{ ${Array.from({ length: count }, (_, index) => `a${index}: event(signals: {detectIpToken: "botd-alias-${index}"}) { detectIp { score } }`).join(' ')} }`,
    sensitive: [],
  })),
  fc.tuple(fc.integer({ min: 1, max: 80 }), fc.constantFrom(...DIRECTIVES)).map(([count, directive]) => ({
    query: `query($flag: Boolean = false) { __typename ${`${directive} `.repeat(count)} }`,
    sensitive: [],
  })),
  fc.integer({ min: 2, max: 30 }).map((levels) => {
    const fragments = Array.from(
      { length: levels },
      (_, level) => `fragment F${level} on Event { ...F${level + 1} ...F${level + 1} }`,
    );
    return {
      query: `{ event(signals: {}) { ...F0 } } ${fragments.join(' ')} fragment F${levels} on Event { id sources { vendor } }`,
      sensitive: [],
    };
  }),
  fc.integer({ min: 2, max: 14 }).map((count) => {
    const names = Array.from({ length: count }, (_, index) => `P${index}`);
    const fragments = names.map(
      (name) => `fragment ${name} on Event { id ${names.map((other) => `...${other}`).join(' ')} }`,
    );
    return { query: `{ event(signals: {}) { ...P0 } } ${fragments.join(' ')}`, sensitive: [] };
  }),
  fc.integer({ min: 100, max: 3000 }).map((count) => ({ query: `{ ${'__typename '.repeat(count)} }`, sensitive: [] })),
  fc
    .integer({ min: 10, max: 600 })
    .map((count) => ({ query: `{ event(signals: {}) { ${'id '.repeat(count)} } }`, sensitive: [] })),
  fc
    .array(fc.constantFrom(...GRAPHQL_TOKENS), { maxLength: 60 })
    .map((tokens) => ({ query: tokens.join(' '), sensitive: [] })),
  fc.string({ unit: 'binary', maxLength: 200 }).map((query) => ({ query, sensitive: [] })),
);

/** Documents built by walking the schema with a tape of random numbers: valid-looking, odd in every way. */
function schemaWalk(schema: GraphQLSchema): fc.Arbitrary<Document> {
  return fc.array(fc.nat({ max: 9999 }), { minLength: 8, maxLength: 96 }).map((tape) => {
    let cursor = 0;
    const pick = (count: number) => (count <= 1 ? 0 : (tape[cursor++ % tape.length] ?? 0) % count);
    let budget = 60;
    const tokenOf = (field: keyof typeof LEGAL_TOKENS) => LEGAL_TOKENS[field][pick(LEGAL_TOKENS[field].length)] ?? '';
    const signalsLiteral = () => {
      const fields = (Object.keys(LEGAL_TOKENS) as (keyof typeof LEGAL_TOKENS)[]).filter(() => pick(3) === 0);
      return literal(Object.fromEntries(fields.map((field) => [field, tokenOf(field)])));
    };
    const valueFor = (type: GraphQLInputType, name: string): string => {
      const inner = isNonNullType(type) ? type.ofType : type;
      if (isListType(inner)) {
        return `[${Array.from({ length: 1 + pick(3) }, () => valueFor(inner.ofType, name)).join(', ')}]`;
      }
      const named = getNamedType(inner);
      if (named.name === 'SignalsInput') return signalsLiteral();
      if (named.name === '_Any') {
        return literal(
          pick(3) === 0
            ? { __typename: 'Device', id: 'fingerprint:Ibk1527CUFmcnjLwIs4A9' }
            : { __typename: 'Event', id: encodeEventId({ detectIpToken: tokenOf('detectIpToken') }, LAYOUT) },
        );
      }
      if (isEnumType(named)) return named.getValues()[pick(named.getValues().length)]?.name ?? 'LOW';
      if (isInputObjectType(named)) return '{}';
      if (named.name === 'Int') return String(pick(130) - 5);
      if (name === 'id') return literal(['fingerprint:Ibk1527CUFmcnjLwIs4A9', 'hitprobe:x', 'nope'][pick(3)]);
      return literal(tokenOf('detectIpToken'));
    };
    const selection = (type: GraphQLNamedType, depth: number): string => {
      if (isUnionType(type)) {
        return (
          type
            .getTypes()
            .filter(() => pick(2) === 0)
            .map((member) => `... on ${member.name} { ${selection(member, depth)} }`)
            .join(' ') || '__typename'
        );
      }
      if (!isObjectType(type) && !isInterfaceType(type)) return '';
      const fields = Object.values(type.getFields());
      const parts: string[] = [];
      for (let count = 1 + pick(4); count > 0 && budget > 0; count -= 1) {
        budget -= 1;
        const field = fields[pick(fields.length)];
        if (!field) continue;
        const alias = pick(10) === 0 ? `a${pick(1000)}: ` : '';
        const args = field.args
          .filter((argument) => isNonNullType(argument.type) || pick(3) === 0)
          .map((argument) => `${argument.name}: ${valueFor(argument.type, argument.name)}`);
        const head = `${alias}${field.name}${args.length > 0 ? `(${args.join(', ')})` : ''}`;
        const named = getNamedType(field.type);
        if (!isCompositeType(named)) parts.push(head);
        else if (depth < 9) parts.push(`${head} { ${selection(named, depth + 1) || '__typename'} }`);
      }
      return parts.join(' ') || '__typename';
    };
    const query = schema.getQueryType();
    return { query: query ? `{ ${selection(query, 1)} }` : '{ __typename }', sensitive: [] };
  });
}

const headerValue = fc.oneof(fc.constantFrom('', ' ', 'x'.repeat(300)), fc.string({ maxLength: 20 }));

const abbreviate = (text: string) => (text.length > 400 ? `${text.slice(0, 400)}… (${text.length} characters)` : text);

/** A request as fast-check prints it. */
export function describe(request: FuzzRequest): string {
  return JSON.stringify({
    ...request,
    path: abbreviate(request.path),
    body: request.body === undefined ? undefined : abbreviate(request.body),
    sensitive: request.sensitive.map(abbreviate),
  });
}

/** The HTTP request around a document (or around something that is not one). */
export function fuzzRequest(
  schema: GraphQLSchema,
  routerSecret: string,
  allowedOrigin: string,
): fc.Arbitrary<FuzzRequest> {
  const document = fc.oneof(
    { weight: 8, arbitrary: eventByVariables },
    { weight: 2, arbitrary: eventByLiteral },
    { weight: 3, arbitrary: eventsList },
    { weight: 1, arbitrary: deviceById },
    { weight: 3, arbitrary: entities },
    { weight: 1, arbitrary: fixedDocuments },
    { weight: 4, arbitrary: hostileShapes },
    { weight: 4, arbitrary: schemaWalk(schema) },
  );

  const envelope = fc
    .tuple(
      document,
      sometimes(fc.oneof(fc.constantFrom('Check', 'Nope'), fc.string({ maxLength: 12 })), 6),
      sometimes(
        fc.oneof(
          fc.record({
            persistedQuery: fc.record({
              version: fc.constantFrom(1, 2),
              sha256Hash: fc.stringMatching(/^[0-9a-f]{64}$/),
            }),
          }),
          fc.jsonValue({ maxDepth: 2 }),
        ),
        10,
      ),
      sometimes(fc.oneof(fc.constantFrom('not an object', 42, [1, 2]), fc.jsonValue({ maxDepth: 2 })), 12),
    )
    .map(([doc, operationName, extensions, badVariables]) => ({
      doc,
      payload: {
        query: doc.query,
        ...(badVariables !== null
          ? { variables: badVariables }
          : doc.variables !== undefined
            ? { variables: doc.variables }
            : {}),
        ...(operationName !== null ? { operationName } : {}),
        ...(extensions !== null ? { extensions } : {}),
      } as Record<string, unknown>,
    }));

  const bodyShape = fc.oneof(
    { weight: 24, arbitrary: fc.constant('json') },
    { weight: 1, arbitrary: fc.constantFrom('batch', 'truncated', 'empty', 'scalar', 'huge') },
  );
  const contentType = fc.oneof(
    { weight: 20, arbitrary: fc.constant('application/json') },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        'application/json; charset=utf-8',
        'text/plain',
        'application/graphql',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/json; charset=latin1',
        'APPLICATION/JSON',
        '',
      ),
    },
  );
  const secretHeader = fc.oneof(
    { weight: 14, arbitrary: fc.constant<string | undefined>(routerSecret) },
    { weight: 1, arbitrary: fc.constant<string | undefined>(undefined) },
    {
      weight: 1,
      arbitrary: fc.constantFrom<string | undefined>(
        `${routerSecret} `,
        routerSecret.slice(1),
        routerSecret.toUpperCase(),
      ),
    },
    { weight: 1, arbitrary: headerValue.map((value): string | undefined => value) },
  );
  const origin = sometimes(fc.constantFrom(allowedOrigin, 'https://evil.example', 'null'), 3);
  const accept = sometimes(
    fc.constantFrom(
      'application/json',
      'text/html',
      '*/*',
      'application/graphql-response+json',
      'multipart/mixed; deferSpec=20220824',
    ),
    6,
  );
  const method = fc.oneof(
    { weight: 16, arbitrary: fc.constant('POST') },
    { weight: 3, arbitrary: fc.constant('GET') },
    { weight: 1, arbitrary: fc.constantFrom('OPTIONS', 'PUT', 'DELETE', 'PATCH', 'HEAD') },
  );
  const path = fc.oneof(
    { weight: 16, arbitrary: fc.constant('/graphql') },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        '/',
        '/healthz',
        '/readyz',
        '/metrics',
        '/graphql/',
        '/GRAPHQL',
        '/nope',
        '//graphql',
        '/graphql%00',
        '/%2e%2e/graphql',
        '/graphql?x=1',
      ),
    },
  );
  const rawTarget = fc.constantFrom(
    'http://[',
    'http://a:b@[::1',
    '*',
    'http://localhost/graphql',
    '/graphql?query=%7B__typename%7D',
    '/graphql',
  );

  return fc
    .record({
      target: fc.constantFrom<Target>('production', 'development'),
      rawDraw: fc.nat({ max: 19 }),
      method,
      path,
      rawTarget,
      envelope,
      bodyShape,
      contentType,
      secretHeader,
      origin,
      accept,
      preflight: fc.boolean(),
      extraHeader: sometimes(
        fc.tuple(
          fc.constantFrom(
            'apollo-require-preflight',
            'x-apollo-operation-name',
            'x-forwarded-for',
            'content-encoding',
            'transfer-encoding',
          ),
          headerValue,
        ),
        4,
      ),
    })
    .map((draw): FuzzRequest => {
      const { doc, payload } = draw.envelope;
      const sensitive = [...doc.sensitive];
      let body: string | undefined;
      switch (draw.bodyShape) {
        case 'batch':
          body = JSON.stringify([payload, payload]);
          break;
        case 'truncated': {
          const text = JSON.stringify(payload);
          body = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
          break;
        }
        case 'empty':
          body = '';
          break;
        case 'scalar':
          body = JSON.stringify(doc.query.length % 2 === 0 ? null : doc.query);
          break;
        case 'huge':
          body = JSON.stringify({ ...payload, padding: HUGE });
          break;
        default:
          body = JSON.stringify(payload);
      }
      const headers: Record<string, string> = {};
      if (draw.contentType) headers['content-type'] = draw.contentType;
      if (draw.target === 'production' && draw.secretHeader !== undefined)
        headers['x-router-secret'] = draw.secretHeader;
      if (draw.origin) headers['origin'] = draw.origin;
      if (draw.accept) headers['accept'] = draw.accept;
      if (draw.extraHeader) headers[draw.extraHeader[0]] = draw.extraHeader[1];
      let requestPath: string = draw.path;
      let method: string = draw.method;
      if (method === 'GET' || method === 'HEAD') {
        // Most GETs come from tools that pass CSRF prevention; some do not.
        if (draw.contentType !== '') headers['apollo-require-preflight'] = 'true';
        const search = new URLSearchParams({ query: doc.query });
        if (payload['variables'] !== undefined) search.set('variables', JSON.stringify(payload['variables']));
        requestPath = `${draw.path}${draw.path.includes('?') ? '&' : '?'}${search.toString()}`;
        body = undefined;
        delete headers['content-type'];
      }
      if (method === 'OPTIONS' && draw.preflight) {
        headers['access-control-request-method'] = 'POST';
        headers['access-control-request-headers'] = 'content-type';
        body = undefined;
      }
      // One request in twenty goes over a raw socket, with request targets undici would refuse.
      const raw = draw.rawDraw === 0;
      if (raw) {
        requestPath = draw.rawTarget;
        if (!body) method = 'GET';
      }
      // URLs longer than Node's header limit are a 431 from Node itself; keep GETs within it.
      if (requestPath.length > 12_000) requestPath = requestPath.slice(0, 12_000);
      const request: FuzzRequest = { target: draw.target, raw, method, path: requestPath, headers, body, sensitive };
      // Counterexamples are printed: keep them readable when a body is 70 KB.
      return Object.assign(request, { [fc.toStringMethod]: () => describe(request) });
    });
}
