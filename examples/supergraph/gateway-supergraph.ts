/**
 * `@apollo/gateway` cannot enforce authorization directives, so it refuses a supergraph that links
 * one `for: SECURITY` ("feature https://specs.apollo.dev/requiresScopes/v0.1 is for: SECURITY but
 * is unsupported"). Only a router (GraphOS Router) enforces this subgraph's
 * `@requiresScopes(scopes: [["pii:read"]])`. For a gateway, this drops the purpose from the link:
 * the gateway then ignores the directive and every client reads every field, which is what a
 * gateway does anyway; `PII_MODE` and contract variants still apply.
 */
const SECURITY_LINK = /(@link\(url: "https:\/\/specs\.apollo\.dev\/requiresScopes\/v[\d.]+"), for: SECURITY\)/g;

export function supergraphForGateway(supergraphSdl: string): string {
  return supergraphSdl.replace(SECURITY_LINK, '$1)');
}
