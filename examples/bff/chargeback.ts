import { execute } from './client.ts';
import type { SourceState, Vendor } from './gql/graphql.ts';
import { graphql } from './gql/index.ts';

/**
 * A chargeback arrived for an order: tell the vendors that accept feedback that its payment was
 * fraud, so the device is flagged for next time (Fingerprint sets the event's `suspect` flag, and
 * its searches and rules can use it). The router must give this BFF the `risk:feedback` scope.
 */
export const ReportChargebackMutation = graphql(`
  mutation ReportChargeback($input: ReportOutcomeInput!) {
    reportOutcome(input: $input) {
      sources {
        vendor
        status
        errorCode
      }
    }
  }
`);

export interface ChargebackReport {
  /** What each vendor that accepts feedback did with it. */
  vendors: { vendor: Vendor; status: SourceState; errorCode: string | null }[];
  /** True when a vendor asked to be told again later (an event updated seconds after it happened). */
  retryLater: boolean;
}

export async function reportChargeback(
  endpoint: string,
  chargeback: { eventId: string; accountId: string; caseId: string },
  headers: Record<string, string> = {},
): Promise<ChargebackReport> {
  const { data, errors } = await execute(
    endpoint,
    ReportChargebackMutation,
    {
      input: {
        eventId: chargeback.eventId,
        outcome: 'FRAUD',
        linkedId: chargeback.accountId,
        // Sent as given: Fingerprint replaces the event's tags with these.
        tags: { chargeback: chargeback.caseId },
      },
    },
    headers,
  );
  if (!data) throw new Error(`reportOutcome failed: ${errors.map((error) => error.message).join('; ')}`);
  const vendors = data.reportOutcome.sources;
  return { vendors, retryLater: vendors.some((source) => source.errorCode === 'VENDOR_RETRY_LATER') };
}
