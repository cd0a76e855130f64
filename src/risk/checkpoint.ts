import { createHash } from 'node:crypto';
import type { VendorRuleAction } from '../model/report.ts';
import type { Vendor } from '../model/vendor.ts';
import { type IpRange, inRange } from './ip-range.ts';
import { assessRisk, type PolicyFinding, type RiskAssessment, type RiskEvidence, type RiskPolicy } from './policy.ts';
import type { RiskLabel } from './taxonomy.ts';

/**
 * A checkpoint: the policy one business flow (sign-in, sign-up, payment) is judged by. It is the
 * scoring policy plus an allow and a deny list, and the options it sets for vendors (a ruleset to
 * evaluate at the vendor). `Event.risk(checkpoint:)` picks one; docs/checkpoints.md explains them.
 */
export interface Checkpoint {
  /** Its name in the policy file; null for the deployment's one policy when there is no file. */
  readonly name: string | null;
  readonly policy: RiskPolicy;
  readonly allow: PolicyList;
  readonly deny: PolicyList;
  /** Options it sets for vendors (each vendor's descriptor declares and parses them), by vendor. */
  readonly vendorOptions: ReadonlyMap<Vendor, Readonly<Record<string, unknown>>>;
  /** A hash of all of the above but the name: which exact policy produced a verdict. */
  readonly version: string;
}

/** Device ids (`fingerprint:…`, `hitprobe:…`) and IP ranges. */
export interface PolicyList {
  readonly deviceIds: readonly string[];
  readonly ipRanges: readonly IpRange[];
}

export const EMPTY_LIST: PolicyList = { deviceIds: [], ipRanges: [] };

export function checkpoint(name: string | null, parts: Omit<Checkpoint, 'name' | 'version'>): Checkpoint {
  return { name, ...parts, version: policyVersion(parts) };
}

/**
 * The checkpoints in force: those of `RISK_POLICY_FILE` with its default, or the deployment's one
 * policy (built-in, or `RISK_POLICY`) when there is no file.
 */
export class Checkpoints {
  readonly default: Checkpoint;
  readonly #byName: ReadonlyMap<string, Checkpoint>;

  constructor(defaultCheckpoint: Checkpoint, named: readonly Checkpoint[] = []) {
    this.default = defaultCheckpoint;
    this.#byName = new Map(named.flatMap((item) => (item.name === null ? [] : [[item.name, item] as const])));
  }

  /** Names that `select` knows, in the policy file's order; empty without a file. */
  get names(): string[] {
    return [...this.#byName.keys()];
  }

  /** Each checkpoint's version by name (`(default)` without a file), and the default's name: for logs. */
  describe(): { default: string; versions: Record<string, string> } {
    const named = [...this.#byName.values()];
    const all = named.length > 0 ? named : [this.default];
    return {
      default: this.default.name ?? '(default)',
      versions: Object.fromEntries(all.map((item) => [item.name ?? '(default)', item.version])),
    };
  }

  /** The named checkpoint, the default without a name; undefined for an unknown name. */
  select(name: string | null | undefined): Checkpoint | undefined {
    return name === null || name === undefined ? this.default : this.#byName.get(name);
  }
}

/** What a checkpoint's verdict is built from, gathered from the event's vendors. */
export interface CheckpointFacts {
  /** Every consulted vendor's labels, in registry order. */
  labels: readonly RiskLabel[];
  /** Vendors that could not be consulted. */
  missingSources: readonly Vendor[];
  /** The event's device ids (`Device.identifiers`) with the vendor that issued each. */
  deviceIds: readonly { vendor: Vendor; id: string }[];
  /** The address the IP ranges apply to: `SignalsInput.ip` (no vendor), else the merged `IpInfo.address`. */
  ip: { address: string; source: Vendor | null } | undefined;
  /** The verdicts of the vendor rulesets the checkpoint asked for. */
  ruleActions: readonly { vendor: Vendor; ruleAction: VendorRuleAction }[];
  /** Vendor options the checkpoint sets that could not apply to this event, and why. */
  notEvaluated: readonly { vendor: Vendor; rule: string; why: string }[];
}

export interface CheckpointAssessment extends RiskAssessment {
  checkpoint: string | null;
  policyVersion: string;
}

/** The checkpoint's verdict: its lists and vendor rulesets as reasons, weighed with the labels by its policy. */
export function assessCheckpoint(facts: CheckpointFacts, chosen: Checkpoint): CheckpointAssessment {
  const findings: PolicyFinding[] = [
    ...listFindings('deny', chosen.deny, facts),
    ...listFindings('allow', chosen.allow, facts),
    ...facts.ruleActions.map(({ vendor, ruleAction }) => ruleFinding(vendor, ruleAction)),
    ...facts.notEvaluated.map(({ vendor, rule, why }) => ({
      code: 'RULESET_NOT_EVALUATED' as const,
      rule,
      evidence: [{ source: vendor, fact: 'ruleset', detail: why }],
    })),
  ];
  return {
    ...assessRisk(facts.labels, facts.missingSources, chosen.policy, findings),
    checkpoint: chosen.name,
    policyVersion: chosen.version,
  };
}

/** One finding per matching entry: every entry that matched is named. */
function listFindings(kind: 'allow' | 'deny', list: PolicyList, facts: CheckpointFacts): PolicyFinding[] {
  const code = kind === 'deny' ? 'DENYLISTED' : 'ALLOWLISTED';
  const findings: PolicyFinding[] = [];
  list.deviceIds.forEach((listed, index) => {
    const evidence: RiskEvidence[] = facts.deviceIds
      .filter(({ id }) => id === listed)
      .map(({ vendor }) => ({ source: vendor, fact: 'Device.identifiers', detail: null }));
    // The id itself is personal data: the entry's position in the list says which one it was.
    if (evidence.length > 0) findings.push({ code, rule: `${kind}.deviceIds[${index}]`, evidence });
  });
  const { ip } = facts;
  if (ip) {
    list.ipRanges.forEach((range, index) => {
      if (!inRange(ip.address, range)) return;
      const fact = ip.source ? 'IpInfo.address' : 'SignalsInput.ip';
      findings.push({
        code,
        rule: `${kind}.ipRanges[${index}] (${range.text})`,
        evidence: [{ source: ip.source, fact, detail: null }],
      });
    });
  }
  return findings;
}

function ruleFinding(vendor: Vendor, ruleAction: VendorRuleAction): PolicyFinding {
  const which = ruleAction.ruleId ? `rule ${ruleAction.ruleId}` : 'no rule matched: default action';
  const rule = `ruleset ${ruleAction.rulesetId}, ${which}`;
  if (ruleAction.action === null) {
    const detail = `unknown rule action ${JSON.stringify(ruleAction.value)}`;
    return { code: 'RULESET_NOT_EVALUATED', rule, evidence: [{ source: vendor, fact: ruleAction.vendorCode, detail }] };
  }
  return {
    code: ruleAction.action === 'BLOCK' ? 'RULESET_BLOCK' : 'RULESET_ALLOW',
    rule,
    evidence: [{ source: vendor, fact: ruleAction.vendorCode, detail: ruleAction.expression ?? null }],
  };
}

/** `sha256:` and 16 hex digits of the canonical JSON of everything that decides a verdict. */
function policyVersion(parts: Omit<Checkpoint, 'name' | 'version'>): string {
  const list = (value: PolicyList) => ({
    deviceIds: value.deviceIds,
    ipRanges: value.ipRanges.map((range) => range.text),
  });
  const canonical = canonicalJson({
    policy: parts.policy,
    allow: list(parts.allow),
    deny: list(parts.deny),
    vendorOptions: Object.fromEntries(parts.vendorOptions),
  });
  return `sha256:${createHash('sha256').update(canonical).digest('hex').slice(0, 16)}`;
}

/** JSON with object keys sorted at every level, so the same policy always hashes the same. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
