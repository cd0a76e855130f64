import type { z } from 'zod';
import type { VendorTuning } from '../config/tuning.ts';
import type { VariableDoc } from '../config/variables.ts';
import type { Vendor } from '../model/vendor.ts';
import type { PersonalDataField } from '../privacy/personal-data.ts';
import type { RiskCode } from '../risk/taxonomy.ts';
import type { VendorConnector } from './connector.ts';
import type { WebhookSupport } from './webhook.ts';

/**
 * Everything the rest of the subgraph knows about one vendor, exported by its folder's `index.ts`
 * and listed once in `registry.ts`. Configuration, app wiring, input validation, planning, the
 * vendor's `Event` view, privacy rules and the generated docs all read it, so adding a vendor is a
 * new folder, one line in the registry and one SDL file (docs/adding-a-vendor.md).
 */
export interface VendorDescriptor<Name extends Vendor = Vendor> {
  /** The `Vendor` enum value (`FINGERPRINT`). */
  readonly name: Name;
  /** How people write it (`Fingerprint`), in messages and docs. */
  readonly displayName: string;
  /** Its public API documentation, cited by the docs. */
  readonly documentation: string;
  /** Every variable of the vendor starts with this and `_` (`FINGERPRINT_SECRET_API_KEY`). */
  readonly envPrefix: string;
  /** Its variables, besides the shared tuning ones (`<PREFIX>_TIMEOUT_MS`, …). */
  readonly variables: Readonly<Record<string, VariableDoc>>;
  /** Defaults of `<PREFIX>_TIMEOUT_MS`, `_MAX_RETRIES`, … for this vendor (why, in the folder's index.ts). */
  readonly tuning: VendorTuning;
  /** The `SignalsInput` fields that carry its token. */
  readonly signals: readonly SignalField[];
  /** Device ids it issues (`fingerprint:<visitorId>`), and whether it can look a device up. */
  readonly devices?: DeviceIds;
  /** Its own view of an event: the `Event` field and the GraphQL types that show it. */
  readonly view: ViewDescriptor;
  /**
   * Options it adds to each checkpoint of the policy file (`RISK_POLICY_FILE`), such as a ruleset
   * the vendor evaluates. Its connector's `checkpointLookup` reads them.
   */
  readonly checkpointOptions?: Readonly<Record<string, CheckpointOption>>;
  /**
   * Its SDL file (schema/vendors/<vendor>.graphql): its `Vendor` value, its `SignalsInput` fields,
   * its `Event` view field and the view's types.
   */
  readonly schema: URL;
  /**
   * Where the vendor pushes its events, for vendors that do (webhooks): its connector then has a
   * `webhook` receiver once the signing secrets are configured.
   */
  readonly webhook?: WebhookSupport;
  /**
   * Every response field the vendor documents, and where it goes: the unified model, risk labels,
   * its own view, or nowhere, with the reason (docs/vendors.md renders it; a test holds it to the
   * schema, the merge rules and the view).
   */
  readonly fields: readonly DocumentedField[];
  /** Reads its variables from the environment; throws `ConfigError` naming a bad one. */
  configure(environment: NodeJS.ProcessEnv): ConfiguredVendor;
}

/** A vendor's variables as read from one environment. */
export interface ConfiguredVendor {
  /** The values of its variables, by name. Secrets among them: never log it. */
  readonly settings: Readonly<Record<string, unknown>>;
  /** Whether its credentials are set (otherwise it is simulated or `NOT_CONFIGURED`). */
  readonly hasCredentials: boolean;
  /** Builds its connector (only called when it will be reached). */
  connect(setup: ConnectorSetup): VendorConnector;
}

/** What the app decides for every connector: connection pool, size cap, cache life. */
export interface ConnectorSetup {
  connections: number;
  maxResponseBytes: number;
  socketTimeoutMs: number;
  /** `<PREFIX>_CACHE_TTL_S` in milliseconds; a connector may cap it further. */
  cacheTtlMs: number;
}

/** One option a vendor adds to the checkpoints of the policy file. */
export interface CheckpointOption {
  /** Validates the value as written in the file (an unset option is absent). */
  readonly schema: z.ZodType;
  /** What it does, for docs/checkpoints.md. */
  readonly description: string;
}

/** A `SignalsInput` field and its accepted format, checked before any vendor call. */
export interface SignalField {
  /** The field name in `SignalsInput` (`fingerprintEventId`). */
  readonly field: string;
  /**
   * Its position in the `Event.id` encoding. Positions are forever: a new field takes the next free
   * one, and no position is ever reused (registry.ts checks they are unique).
   */
  readonly eventIdSlot: number;
  readonly maxLength: number;
  readonly pattern: RegExp;
  /** Shown to the client when the value does not fit. */
  readonly expected: string;
  /**
   * Too long to travel in `Event.id` (a sealed result is kilobytes): the id carries the signals the
   * vendor's report gives instead (`VendorReport.signals`).
   */
  readonly replacedInEventId?: boolean;
}

/** The vendor's device ids, `<prefix>:<vendor device id>`. */
export interface DeviceIds {
  readonly prefix: string;
  /** What the vendor calls its device id (`visitorId`), for messages. */
  readonly idName: string;
  /**
   * Whether its connector can look a device's recent events up (`deviceHistory`), which
   * `Query.device` and `Device.recentEvents` need. Otherwise a device id is all there is to say.
   */
  readonly searchable: boolean;
}

/**
 * A response field the vendor documents. `path` is the vendor's own name for it, dotted
 * (`products.vpn.data.methods.publicVPN`, `device.ua_pc`), `[]` for array items, with a version
 * prefix when the vendor has several (`v4:proxy_details.last_seen_at`). A field goes somewhere
 * (`model`, `labels`, `view`: any of them) or is `dropped` with the reason, never both.
 */
export interface DocumentedField {
  readonly path: string;
  /** Unified model fields it feeds, as `Type.field` (`IpInfo.vpn`, `Device.os`, `Event.time`). */
  readonly model?: readonly string[];
  /** Risk codes it can raise. */
  readonly labels?: readonly RiskCode[];
  /** Fields of the vendor's view types that show it, as `Type.field` (`FingerprintEvent.vpnMethods`). */
  readonly view?: readonly string[];
  /** Why nothing reads it. */
  readonly dropped?: string;
}

/** The vendor's own view of an event (`Event.fingerprint: FingerprintEvent`). */
export interface ViewDescriptor {
  /** The `Event` field that shows it. */
  readonly field: string;
  /** Its GraphQL type; every view type has a `raw` field with the vendor's parsed payload. */
  readonly type: string;
  /** Fields of the view's types that carry personal data, besides `raw`. */
  readonly personalData: readonly PersonalDataField[];
}
