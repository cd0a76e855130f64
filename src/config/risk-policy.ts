import { z } from 'zod';
import { type CodePoints, DEFAULT_RISK_POLICY, type RiskPolicy } from '../risk/policy.ts';
import { RISK_CODES, type RiskCode, SEVERITIES } from '../risk/taxonomy.ts';
import { ConfigError } from './variables.ts';

const riskCode = z.enum(Object.keys(RISK_CODES) as [RiskCode, ...RiskCode[]]);
const points = z.number().int().min(0).max(100);
const action = z.enum(['ALLOW', 'CHALLENGE', 'BLOCK']);
const perSeverity = z.strictObject(Object.fromEntries(SEVERITIES.map((severity) => [severity, points.optional()])));

/** `RISK_POLICY`: a JSON object merged over the default policy (src/risk/policy.ts). */
const riskPolicySchema = z
  .strictObject({
    name: z.string().min(1).max(100),
    severityPoints: perSeverity,
    points: z.partialRecord(riskCode, z.union([points, perSeverity])),
    challengeAt: z.number().int().min(1).max(100),
    blockAt: z.number().int().min(1).max(100),
    blockCodes: z.array(riskCode),
    incompleteAction: action,
  })
  .partial()
  .refine(
    (policy) =>
      (policy.challengeAt ?? DEFAULT_RISK_POLICY.challengeAt) <= (policy.blockAt ?? DEFAULT_RISK_POLICY.blockAt),
    {
      message: 'challengeAt must not exceed blockAt',
    },
  );

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
  const override = parsed.data;
  return {
    ...DEFAULT_RISK_POLICY,
    ...override,
    name: override.name ?? `${DEFAULT_RISK_POLICY.name}+custom`,
    severityPoints: { ...DEFAULT_RISK_POLICY.severityPoints, ...stripUndefined(override.severityPoints ?? {}) },
    points: mergePoints(DEFAULT_RISK_POLICY.points, override.points ?? {}),
  };
}

/**
 * Per-code points over the defaults. Per-severity entries merge severity by severity, so
 * `{"VENDOR_ACTION":{"HIGH":50}}` keeps the built-in MEDIUM; a number replaces the whole entry.
 */
function mergePoints(
  defaults: RiskPolicy['points'],
  override: Partial<Record<RiskCode, number | Record<string, number | undefined>>>,
): RiskPolicy['points'] {
  const merged: RiskPolicy['points'] = { ...defaults };
  for (const [code, entry] of Object.entries(override) as [RiskCode, (typeof override)[RiskCode]][]) {
    if (entry === undefined) continue;
    const base = merged[code];
    merged[code] =
      typeof entry === 'number'
        ? entry
        : ({ ...(typeof base === 'object' ? base : {}), ...stripUndefined(entry) } satisfies CodePoints);
  }
  return merged;
}

function stripUndefined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}
