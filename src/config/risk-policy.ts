import { z } from 'zod';
import { type CodePoints, DEFAULT_RISK_POLICY, type RiskPolicy } from '../risk/policy.ts';
import { RISK_CODES, type RiskCode, SEVERITIES } from '../risk/taxonomy.ts';
import { ConfigError } from './variables.ts';

const riskCode = z.enum(Object.keys(RISK_CODES) as [RiskCode, ...RiskCode[]]);
const points = z.number().int().min(0).max(100);
const action = z.enum(['ALLOW', 'CHALLENGE', 'BLOCK']);
const perSeverity = z.strictObject(Object.fromEntries(SEVERITIES.map((severity) => [severity, points.optional()])));

/**
 * The fields of a risk policy, each optional: what `RISK_POLICY` sets over the built-in policy, and
 * what each checkpoint of `RISK_POLICY_FILE` sets over that (src/risk/policy.ts says what they mean).
 */
export const riskPolicyFields = {
  name: z.string().min(1).max(100).optional(),
  severityPoints: perSeverity.optional(),
  // A number for the code, or one per severity (`{"VENDOR_ACTION": {"HIGH": 50}}`).
  points: z.partialRecord(riskCode, z.union([points, perSeverity])).optional(),
  challengeAt: z.number().int().min(1).max(100).optional(),
  blockAt: z.number().int().min(1).max(100).optional(),
  blockCodes: z.array(riskCode.refine((code) => code !== 'ALLOWLISTED', 'ALLOWLISTED cannot force BLOCK')).optional(),
  incompleteAction: action.optional(),
};

export type RiskPolicyOverride = z.output<z.ZodObject<typeof riskPolicyFields>>;

/** `RISK_POLICY`: a JSON object merged over the default policy (src/risk/policy.ts). */
const riskPolicySchema = z.strictObject(riskPolicyFields);

export function riskPolicy(raw: string | undefined): RiskPolicy {
  if (raw === undefined || raw.trim() === '') return DEFAULT_RISK_POLICY;
  let json: unknown;
  try {
    json = JSON.parse(raw) as unknown;
  } catch {
    throw new ConfigError('Invalid configuration: RISK_POLICY must be a JSON object');
  }
  const parsed = riskPolicySchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    throw new ConfigError(`Invalid configuration: RISK_POLICY${where}: ${issue?.message ?? 'is invalid'}`);
  }
  const policy = mergeRiskPolicy(DEFAULT_RISK_POLICY, parsed.data, `${DEFAULT_RISK_POLICY.name}+custom`);
  const problem = policyProblem(policy);
  if (problem) throw new ConfigError(`Invalid configuration: RISK_POLICY: ${problem}`);
  return policy;
}

/** `override` over `base`; `severityPoints` and `points` merge by key, the rest replaces. */
export function mergeRiskPolicy(base: RiskPolicy, override: RiskPolicyOverride, unnamed: string): RiskPolicy {
  return {
    name: override.name ?? unnamed,
    severityPoints: { ...base.severityPoints, ...stripUndefined(override.severityPoints ?? {}) },
    points: mergePoints(base.points, override.points ?? {}),
    challengeAt: override.challengeAt ?? base.challengeAt,
    blockAt: override.blockAt ?? base.blockAt,
    blockCodes: override.blockCodes ?? base.blockCodes,
    incompleteAction: override.incompleteAction ?? base.incompleteAction,
  };
}

/**
 * Per-code points over the base's. Per-severity entries merge severity by severity, so
 * `{"VENDOR_ACTION":{"HIGH":50}}` keeps the built-in MEDIUM; a number replaces the whole entry.
 */
function mergePoints(
  base: RiskPolicy['points'],
  override: Partial<Record<RiskCode, number | Record<string, number | undefined>>>,
): RiskPolicy['points'] {
  const merged: RiskPolicy['points'] = { ...base };
  for (const [code, entry] of Object.entries(override) as [RiskCode, (typeof override)[RiskCode]][]) {
    if (entry === undefined) continue;
    const current = merged[code];
    merged[code] =
      typeof entry === 'number'
        ? entry
        : ({ ...(typeof current === 'object' ? current : {}), ...stripUndefined(entry) } satisfies CodePoints);
  }
  return merged;
}

/** What makes a merged policy unusable, if anything. */
export function policyProblem(policy: RiskPolicy): string | undefined {
  return policy.challengeAt > policy.blockAt ? 'challengeAt must not exceed blockAt' : undefined;
}

function stripUndefined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}
