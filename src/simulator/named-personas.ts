import { z } from 'zod';
import personasJson from './data/personas.json' with { type: 'json' };
import { parseData, resolving } from './data.ts';
import { AUTOMATION_TOOLS, PHONES, WEB_CLIENTS_BY_KEY } from './devices.ts';
import { NETWORKS, PLACES } from './places.ts';
import {
  CONNECTION_KINDS,
  DEVICE_FLAGS,
  type DeviceTraits,
  deviceFlags,
  HIGH_RISKS,
  PLATFORMS,
  RISK_TIERS,
  type SessionTraits,
} from './traits.ts';

/**
 * Named personas (`data/personas.json`): demo and test users whose tokens say who they are. A
 * token `<name>-<anything>` (`tor-000000000000000001`) is a session of the persona `name`: every
 * vendor sees the device, home and connection the file states for it, whatever the suffix, so a
 * test makes fresh tokens of one persona by changing the suffix. The token stays valid for every
 * vendor (letters, digits and `-`; 22 characters also make it a Hitprobe probe id).
 *
 * Each token of a persona is its own device of that kind (its visitor id is the name followed by
 * characters drawn from the token), unless the persona names one `visitorId`: then every token is
 * an event of that one visitor.
 */

const text = z.string().min(1);
const NAME = /^[a-z][a-z0-9]{1,15}$/;

const personaSchema = z.strictObject({
  /** Every token of the persona belongs to this Fingerprint visitor. */
  visitorId: z
    .string()
    .regex(/^[A-Za-z0-9]{1,64}$/)
    .optional(),
  /** The customer's account id the device's events are linked to. */
  linkedId: text.optional(),
  device: z
    .strictObject({
      tier: z.enum(RISK_TIERS),
      highRisk: z.enum(HIGH_RISKS).optional(),
      platform: z.enum(PLATFORMS),
      /** Key in devices.json `webClients`: the browser (for app personas, the phone's browser). */
      web: text,
      /** Key in devices.json `phones`, for app personas. */
      phone: text.optional(),
      /** Key in world.json `places`. */
      home: text,
      /** `id` of one of devices.json `automationTools`. */
      automation: text.optional(),
      flags: z.array(z.enum(DEVICE_FLAGS)).default([]),
    })
    .refine((device) => (device.tier === 'high') === (device.highRisk !== undefined), {
      message: 'highRisk is required for tier "high", and only for it',
      path: ['highRisk'],
    })
    .refine((device) => (device.platform === 'web') === (device.phone === undefined), {
      message: 'app personas (android, ios) need a phone; web personas have none',
      path: ['phone'],
    })
    .refine(
      (device) => {
        const phone = device.phone === undefined ? undefined : PHONES[device.phone];
        return phone === undefined || phone.platform === device.platform;
      },
      {
        message: "the phone does not run the persona's platform",
        path: ['phone'],
      },
    ),
  session: z.strictObject({
    connection: z.strictObject({
      kind: z.enum(CONNECTION_KINDS),
      /** Key in world.json `places`: where the address geolocates. */
      place: text,
      /** Key in world.json `networks`. */
      network: text,
      ipVersion: z.union([z.literal(4), z.literal(6)]),
      blocklisted: z.array(z.enum(['emailSpam', 'attackSource'])).default([]),
    }),
    incognito: z.boolean().default(false),
    replayed: z.boolean().default(false),
  }),
});

const personasSchema = z
  .record(z.string().regex(NAME, 'a persona name is 2 to 16 lower-case letters and digits'), personaSchema)
  .refine(
    (personas) =>
      !Object.keys(personas).some((name) =>
        Object.keys(personas).some((other) => other !== name && other.startsWith(name)),
      ),
    'no persona name may start with another one (tokens and visitor ids are matched by prefix)',
  )
  .transform(
    resolving((raw, ref): NamedPersona[] =>
      Object.entries(raw).map(([name, spec]) => {
        const { device, session } = spec;
        const at = (...path: PropertyKey[]) => [name, ...path];
        const tools = Object.fromEntries(AUTOMATION_TOOLS.map((tool) => [tool.id, tool]));
        const phone = device.phone === undefined ? undefined : ref(PHONES, device.phone, at('device', 'phone'));
        const { connection } = session;
        return {
          name,
          visitorId: spec.visitorId,
          linkedId: spec.linkedId,
          device: {
            tier: device.tier,
            highRisk: device.highRisk,
            platform: device.platform,
            web: ref(WEB_CLIENTS_BY_KEY, device.web, at('device', 'web')),
            native: phone,
            home: ref(PLACES, device.home, at('device', 'home')),
            automation:
              device.automation === undefined ? undefined : ref(tools, device.automation, at('device', 'automation')),
            flags: deviceFlags(device.flags),
          },
          session: {
            connection: {
              kind: connection.kind,
              place: ref(PLACES, connection.place, at('session', 'connection', 'place')),
              network: ref(NETWORKS, connection.network, at('session', 'connection', 'network')),
              version: connection.ipVersion,
              emailSpam: connection.blocklisted.includes('emailSpam'),
              attackSource: connection.blocklisted.includes('attackSource'),
            },
            incognito: session.incognito,
            replayed: session.replayed,
          },
        };
      }),
    ),
  );

export interface NamedPersona {
  name: string;
  visitorId: string | undefined;
  linkedId: string | undefined;
  device: DeviceTraits;
  session: SessionTraits;
}

/** Validates the content of `data/personas.json` and resolves its references. */
export function parseNamedPersonas(json: unknown): readonly NamedPersona[] {
  return parseData('data/personas.json', json, personasSchema);
}

export const NAMED_PERSONAS = parseNamedPersonas(personasJson);

/** The persona a token names (`tor-…`), if any. */
export function namedPersonaOfToken(token: string): NamedPersona | undefined {
  const name = /^([a-z][a-z0-9]*)-/.exec(token)?.[1];
  return name === undefined ? undefined : NAMED_PERSONAS.find((persona) => persona.name === name);
}

/** The persona whose device a Fingerprint visitor id is, if any. */
export function namedPersonaOfVisitor(visitorId: string): NamedPersona | undefined {
  return NAMED_PERSONAS.find((persona) =>
    persona.visitorId === undefined ? visitorId.startsWith(persona.name) : visitorId === persona.visitorId,
  );
}
