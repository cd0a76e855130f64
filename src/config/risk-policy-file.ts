import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { parseDeviceId } from '../model/device-id.ts';
import type { Vendor } from '../model/vendor.ts';
import { type Checkpoint, Checkpoints, checkpoint, EMPTY_LIST, type PolicyList } from '../risk/checkpoint.ts';
import { type IpRange, parseIpRange } from '../risk/ip-range.ts';
import type { RiskPolicy } from '../risk/policy.ts';
import type { VendorRegistry } from '../vendors/registry.ts';
import { mergeRiskPolicy, policyProblem, riskPolicyFields } from './risk-policy.ts';
import { ConfigError } from './variables.ts';

/**
 * `RISK_POLICY_FILE`: the checkpoints, as JSON or YAML (docs/checkpoints.md).
 *
 *   { "default": "<name>", "checkpoints": { "<name>": { …RISK_POLICY fields, "allow", "deny", vendor options } } }
 *
 * Each checkpoint is merged over the deployment's policy (built-in, then `RISK_POLICY`). Vendors
 * add their own checkpoint options through their descriptor (`checkpointOptions`). Anything unknown
 * or of the wrong type is refused with one line naming where it is.
 */

/** Larger files are refused: a policy is written by people, a megabyte is a mistake. */
const MAX_FILE_BYTES = 1024 * 1024;
/** Entries per list; lists are matched linearly on every verdict. */
const MAX_LIST_ENTRIES = 10_000;
const MAX_CHECKPOINTS = 100;

const checkpointName = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/, 'must be a name of letters, digits, "_" and "-" (at most 64)');

const ipRange = z.string().transform((text, context): IpRange => {
  const parsed = parseIpRange(text);
  if (parsed.ok) return parsed.range;
  context.addIssue({ code: 'custom', message: parsed.problem });
  return z.NEVER;
});

function deviceId(registry: VendorRegistry) {
  const prefixes = registry.descriptors.flatMap((vendor) => (vendor.devices ? [vendor.devices.prefix] : []));
  return z.string().refine(
    (id) => {
      const parsed = parseDeviceId(id);
      return parsed !== undefined && registry.byDevicePrefix(parsed.prefix) !== undefined;
    },
    `must be a device id <prefix>:<id> with a prefix among ${prefixes.join(', ')}`,
  );
}

function listSchema(registry: VendorRegistry) {
  return z.strictObject({
    deviceIds: z.array(deviceId(registry)).max(MAX_LIST_ENTRIES).optional(),
    ipRanges: z.array(ipRange).max(MAX_LIST_ENTRIES).optional(),
  });
}

/** The checkpoint options vendors add, refusing any that would shadow a field of the file. */
function vendorOptionShape(registry: VendorRegistry): Record<string, z.ZodOptional<z.ZodType>> {
  const shape: Record<string, z.ZodOptional<z.ZodType>> = {};
  for (const vendor of registry.descriptors) {
    for (const [name, option] of Object.entries(vendor.checkpointOptions ?? {})) {
      if (name in riskPolicyFields || name === 'allow' || name === 'deny') {
        throw new Error(`${vendor.name} declares the checkpoint option ${name}, which is a policy field`);
      }
      shape[name] = option.schema.optional();
    }
  }
  return shape;
}

function fileSchema(registry: VendorRegistry) {
  const list = listSchema(registry).optional();
  const checkpointSchema = z.strictObject({
    ...riskPolicyFields,
    allow: list,
    deny: list,
    ...vendorOptionShape(registry),
  });
  return z
    .strictObject({
      default: checkpointName,
      checkpoints: z
        .record(checkpointName, checkpointSchema)
        .refine((checkpoints) => Object.keys(checkpoints).length > 0, 'must name at least one checkpoint')
        .refine(
          (checkpoints) => Object.keys(checkpoints).length <= MAX_CHECKPOINTS,
          `must name at most ${MAX_CHECKPOINTS} checkpoints`,
        ),
    })
    .refine((file) => Object.hasOwn(file.checkpoints, file.default), {
      path: ['default'],
      error: (issue) => {
        const file = issue.input as { checkpoints: Record<string, unknown> };
        return `must name one of the checkpoints (${Object.keys(file.checkpoints).join(', ')})`;
      },
    });
}

type PolicyFile = z.output<ReturnType<typeof fileSchema>>;

/** Reads and validates the file at start-up; throws `ConfigError` with one line naming the problem. */
export function loadRiskPolicyFile(path: string, base: RiskPolicy, registry: VendorRegistry): Checkpoints {
  let text: string;
  try {
    text = readPolicyText(path, readFileSync(path));
  } catch (error) {
    throw asConfigError(path, error);
  }
  return parseRiskPolicyFile(text, path, base, registry);
}

/** The same, without blocking: for reloads while serving. */
export async function reloadRiskPolicyFile(
  path: string,
  base: RiskPolicy,
  registry: VendorRegistry,
): Promise<Checkpoints> {
  let text: string;
  try {
    text = readPolicyText(path, await readFile(path));
  } catch (error) {
    throw asConfigError(path, error);
  }
  return parseRiskPolicyFile(text, path, base, registry);
}

/** Parses the text of a policy file (`path` decides JSON or YAML, and names it in errors). */
export function parseRiskPolicyFile(
  text: string,
  path: string,
  base: RiskPolicy,
  registry: VendorRegistry,
): Checkpoints {
  const parsed = fileSchema(registry).safeParse(parseText(text, path));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    // A bad checkpoint name is reported by the record as a whole: its own rule says more.
    const message = issue?.code === 'invalid_key' ? issue.issues[0]?.message : issue?.message;
    throw invalid(path, `${where}: ${message ?? 'is invalid'}`);
  }
  return checkpoints(parsed.data, path, base, registry);
}

function readPolicyText(path: string, bytes: Buffer): string {
  if (bytes.length > MAX_FILE_BYTES) throw invalid(path, ` is larger than ${MAX_FILE_BYTES} bytes`);
  return bytes.toString('utf8');
}

function parseText(text: string, path: string): unknown {
  const format = extname(path).toLowerCase();
  try {
    if (format === '.json') return JSON.parse(text) as unknown;
    // Aliases are capped so a small file cannot expand into a huge document.
    if (format === '.yaml' || format === '.yml') return parseYaml(text, { uniqueKeys: true, maxAliasCount: 100 });
  } catch (error) {
    const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '').replace(/:$/, '') : String(error);
    throw invalid(path, ` is not valid ${format === '.json' ? 'JSON' : 'YAML'}: ${reason}`);
  }
  throw invalid(path, ' must be a .json, .yaml or .yml file');
}

function checkpoints(file: PolicyFile, path: string, base: RiskPolicy, registry: VendorRegistry): Checkpoints {
  const named = Object.entries(file.checkpoints).map(([name, fields]): Checkpoint => {
    const policy = mergeRiskPolicy(base, fields, `${base.name}+${name}`);
    const problem = policyProblem(policy);
    if (problem) throw invalid(path, ` at checkpoints.${name}: ${problem}`);
    return checkpoint(name, {
      policy,
      allow: policyList(fields.allow),
      deny: policyList(fields.deny),
      vendorOptions: vendorOptions(fields, registry),
    });
  });
  const chosen = named.find((item) => item.name === file.default);
  // The schema checked that `default` names a checkpoint.
  if (!chosen) throw invalid(path, ` at default: must name one of the checkpoints`);
  return new Checkpoints(chosen, named);
}

function policyList(
  list: { deviceIds?: string[] | undefined; ipRanges?: IpRange[] | undefined } | undefined,
): PolicyList {
  return list ? { deviceIds: list.deviceIds ?? [], ipRanges: list.ipRanges ?? [] } : EMPTY_LIST;
}

/** Each vendor's options that the checkpoint sets, keyed by vendor. */
function vendorOptions(
  fields: Readonly<Record<string, unknown>>,
  registry: VendorRegistry,
): Map<Vendor, Record<string, unknown>> {
  const options = new Map<Vendor, Record<string, unknown>>();
  for (const vendor of registry.descriptors) {
    const set = Object.keys(vendor.checkpointOptions ?? {}).filter((name) => fields[name] !== undefined);
    if (set.length > 0) options.set(vendor.name, Object.fromEntries(set.map((name) => [name, fields[name]])));
  }
  return options;
}

function invalid(path: string, problem: string): ConfigError {
  return new ConfigError(`Invalid configuration: RISK_POLICY_FILE (${path})${problem}`);
}

function asConfigError(path: string, error: unknown): ConfigError {
  if (error instanceof ConfigError) return error;
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
  return invalid(path, code === 'ENOENT' ? ' does not exist' : ` cannot be read (${code ?? String(error)})`);
}
