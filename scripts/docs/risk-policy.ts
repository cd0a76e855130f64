import { DEFAULT_RISK_POLICY } from '../../src/risk/policy.ts';

/** docs/configuration.md's built-in risk policy: the JSON that `RISK_POLICY` is merged over. */
export function riskPolicy(): string {
  return ['```json', JSON.stringify(DEFAULT_RISK_POLICY, null, 2), '```'].join('\n');
}
