import { execute } from './client.ts';
import type { RiskAction, RiskCode, SignalsInput } from './gql/graphql.ts';
import { graphql } from './gql/index.ts';

/**
 * A BFF's sign-in check: the tokens the vendor SDKs produced in the browser go in, a decision comes
 * out. The query asks for exactly `risk { action reasons }`, so the subgraph calls only the vendors
 * the risk verdict needs and returns three small fields. `npm run codegen` turns it into the typed
 * `LoginRiskDocument` (examples/bff/gql/); `npm test` fails when that output is stale.
 */
export const LoginRiskQuery = graphql(`
  query LoginRisk($signals: SignalsInput!) {
    event(signals: $signals) {
      risk {
        action
        reasons {
          code
        }
      }
    }
  }
`);

export interface LoginDecision {
  action: RiskAction;
  reasons: RiskCode[];
  /** True when some vendor could not be consulted: the verdict rests on the others only. */
  partial: boolean;
}

/**
 * Asks the subgraph (or the router in front of it) for a verdict. When no verdict comes back at
 * all, the BFF decides for itself; this one asks for a challenge rather than letting the sign-in
 * through unchecked.
 */
export async function checkLogin(
  endpoint: string,
  signals: SignalsInput,
  headers: Record<string, string> = {},
): Promise<LoginDecision> {
  const { data, errors } = await execute(endpoint, LoginRiskQuery, { signals }, headers);
  const risk = data?.event.risk;
  if (!risk) return { action: 'CHALLENGE', reasons: [], partial: true };
  return { action: risk.action, reasons: risk.reasons.map((reason) => reason.code), partial: errors.length > 0 };
}
