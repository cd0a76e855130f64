import { execute } from './client.ts';
import type { RiskAction, SignalsInput } from './gql/graphql.ts';
import { graphql } from './gql/index.ts';

/**
 * A BFF's payment check: the same tokens as at sign-in, judged by the `payment` checkpoint of the
 * policy file (risk-policy.yaml): stricter thresholds, allow and deny lists, and the fraud team's
 * Fingerprint ruleset. The BFF keeps the `Event.id` with the order, to report what became of it.
 */
export const PaymentRiskQuery = graphql(`
  query PaymentRisk($signals: SignalsInput!) {
    event(signals: $signals) {
      id
      risk(checkpoint: "payment") {
        action
        policyVersion
        reasons {
          code
          rule
        }
      }
    }
  }
`);

export interface PaymentDecision {
  action: RiskAction;
  /** `CODE (rule)`: what decided, and which entry of the checkpoint gave its points. */
  reasons: string[];
  /** Store it with the order: `reportOutcome` needs it when a chargeback comes in. */
  eventId: string | null;
  /** Which exact payment policy decided, for the audit trail. */
  policyVersion: string | null;
  partial: boolean;
}

/** Without a verdict the BFF asks for a challenge (3-D Secure, say) rather than take the payment unchecked. */
export async function checkPayment(
  endpoint: string,
  signals: SignalsInput,
  headers: Record<string, string> = {},
): Promise<PaymentDecision> {
  const { data, errors } = await execute(endpoint, PaymentRiskQuery, { signals }, headers);
  const risk = data?.event.risk;
  if (!risk)
    return { action: 'CHALLENGE', reasons: [], eventId: data?.event.id ?? null, policyVersion: null, partial: true };
  return {
    action: risk.action,
    reasons: risk.reasons.map((reason) => `${reason.code} (${reason.rule})`),
    eventId: data.event.id,
    policyVersion: risk.policyVersion,
    partial: errors.length > 0,
  };
}
