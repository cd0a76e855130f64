import { GraphQLError } from 'graphql';
import type { VendorError } from '../../vendors/errors.ts';
import type { VendorRegistry } from '../../vendors/registry.ts';

/**
 * GraphQL errors this subgraph raises itself. Every one carries a stable `extensions.code`;
 * docs/security.md lists them all.
 *
 * `httpStatus` is for errors that reject the whole request before execution starts (Apollo Server
 * would answer 500 for them otherwise); field errors keep HTTP 200.
 */
export function badUserInput(message: string, argument?: string, httpStatus?: number): GraphQLError {
  return new GraphQLError(message, {
    extensions: {
      code: 'BAD_USER_INPUT',
      ...(argument ? { argument } : {}),
      ...(httpStatus ? { http: { status: httpStatus } } : {}),
    },
  });
}

/** `Event.risk(checkpoint:)` names no checkpoint of the policy file; the message lists those it has. */
export function unknownCheckpoint(known: readonly string[], httpStatus?: number): GraphQLError {
  const message = known.length
    ? `checkpoint must be one of the checkpoints of the policy file: ${known.join(', ')}`
    : 'checkpoint must be left out: this deployment has no policy file (RISK_POLICY_FILE), so no named checkpoints';
  return badUserInput(message, 'checkpoint', httpStatus);
}

/** The operation is turned off in this deployment; nothing was done. */
export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });
}

/** A vendor's failure as a field error; the message names the vendor (`Fingerprint: …`). */
export function vendorFailure(error: VendorError, registry: VendorRegistry): GraphQLError {
  return new GraphQLError(vendorMessage(error, registry), { extensions: { code: error.code, vendor: error.vendor } });
}

export function vendorMessage(error: VendorError, registry: VendorRegistry): string {
  return `${registry.displayName(error.vendor)}: ${error.message}`;
}
