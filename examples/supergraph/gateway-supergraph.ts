import { type ConstDirectiveNode, Kind, parse, print, visit } from 'graphql';

/**
 * `@apollo/gateway` cannot enforce authorization directives (`@authenticated`, `@requiresScopes`,
 * `@policy`), so it refuses a supergraph that links them `for: SECURITY`; the Apollo Router (and
 * GraphOS) enforces them. This subgraph marks `Mutation.reportOutcome` with
 * `@requiresScopes(scopes: [["risk:feedback"]])`. To run it behind the gateway anyway, as this
 * example does on a laptop, the supergraph is given to the gateway without them: the fields stay,
 * unguarded, so such a gateway must never face untrusted clients.
 */
const AUTHORIZATION_SPECS = ['authenticated', 'requiresScopes', 'policy'];

/** The supergraph SDL without the authorization features the gateway cannot enforce. */
export function gatewaySupergraph(supergraphSdl: string): string {
  const document = parse(supergraphSdl);
  const names = new Set<string>();
  const isAuthorizationLink = (directive: ConstDirectiveNode): boolean => {
    if (directive.name.value !== 'link') return false;
    const url = directive.arguments?.find((argument) => argument.name.value === 'url')?.value;
    const spec =
      url?.kind === Kind.STRING ? /^https:\/\/specs\.apollo\.dev\/([^/]+)\//.exec(url.value)?.[1] : undefined;
    if (!spec || !AUTHORIZATION_SPECS.includes(spec)) return false;
    const alias = directive.arguments?.find((argument) => argument.name.value === 'as')?.value;
    names.add(alias?.kind === Kind.STRING ? alias.value : spec);
    return true;
  };
  const withoutLinks = visit(document, {
    SchemaDefinition: (node) => ({ ...node, directives: node.directives?.filter((d) => !isAuthorizationLink(d)) }),
    SchemaExtension: (node) => ({ ...node, directives: node.directives?.filter((d) => !isAuthorizationLink(d)) }),
  });
  const ownsType = (name: string) => [...names].some((spec) => name.startsWith(`${spec}__`));
  return print(
    visit(withoutLinks, {
      Directive: (node) => (names.has(node.name.value) ? null : undefined),
      DirectiveDefinition: (node) => (names.has(node.name.value) ? null : undefined),
      ScalarTypeDefinition: (node) => (ownsType(node.name.value) ? null : undefined),
      EnumTypeDefinition: (node) => (ownsType(node.name.value) ? null : undefined),
    }),
  );
}
