/* eslint-disable */
import * as types from './graphql.ts';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation ReportChargeback($input: ReportOutcomeInput!) {\n    reportOutcome(input: $input) {\n      sources {\n        vendor\n        status\n        errorCode\n      }\n    }\n  }\n": typeof types.ReportChargebackDocument,
    "\n  query LoginRisk($signals: SignalsInput!) {\n    event(signals: $signals) {\n      risk {\n        action\n        reasons {\n          code\n        }\n      }\n    }\n  }\n": typeof types.LoginRiskDocument,
    "\n  query PaymentRisk($signals: SignalsInput!) {\n    event(signals: $signals) {\n      id\n      risk(checkpoint: \"payment\") {\n        action\n        policyVersion\n        reasons {\n          code\n          rule\n        }\n      }\n    }\n  }\n": typeof types.PaymentRiskDocument,
};
const documents: Documents = {
    "\n  mutation ReportChargeback($input: ReportOutcomeInput!) {\n    reportOutcome(input: $input) {\n      sources {\n        vendor\n        status\n        errorCode\n      }\n    }\n  }\n": types.ReportChargebackDocument,
    "\n  query LoginRisk($signals: SignalsInput!) {\n    event(signals: $signals) {\n      risk {\n        action\n        reasons {\n          code\n        }\n      }\n    }\n  }\n": types.LoginRiskDocument,
    "\n  query PaymentRisk($signals: SignalsInput!) {\n    event(signals: $signals) {\n      id\n      risk(checkpoint: \"payment\") {\n        action\n        policyVersion\n        reasons {\n          code\n          rule\n        }\n      }\n    }\n  }\n": types.PaymentRiskDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReportChargeback($input: ReportOutcomeInput!) {\n    reportOutcome(input: $input) {\n      sources {\n        vendor\n        status\n        errorCode\n      }\n    }\n  }\n"): typeof import('./graphql.ts').ReportChargebackDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LoginRisk($signals: SignalsInput!) {\n    event(signals: $signals) {\n      risk {\n        action\n        reasons {\n          code\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.ts').LoginRiskDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PaymentRisk($signals: SignalsInput!) {\n    event(signals: $signals) {\n      id\n      risk(checkpoint: \"payment\") {\n        action\n        policyVersion\n        reasons {\n          code\n          rule\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.ts').PaymentRiskDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
