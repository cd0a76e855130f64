import type { TypedDocumentString } from './gql/graphql.ts';

export interface GraphQLError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; vendor?: string };
}

export interface ExecutionResult<Result> {
  data: Result | null;
  errors: GraphQLError[];
}

/**
 * The whole GraphQL client a BFF needs: one typed POST. The document carries its result and
 * variable types (codegen's client preset, string mode), so `variables` and `data` are checked at
 * compile time and no GraphQL runtime is needed. Vendor failures arrive as `errors` beside partial
 * `data`; only transport failures throw.
 */
export async function execute<Result, Variables>(
  endpoint: string,
  document: TypedDocumentString<Result, Variables>,
  variables: Variables,
  headers: Record<string, string> = {},
): Promise<ExecutionResult<Result>> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: JSON.stringify({ query: document.toString(), variables }),
    signal: AbortSignal.timeout(3000),
  });
  const body = (await response.json()) as { data?: Result | null; errors?: GraphQLError[] };
  if (body.data === undefined && !body.errors) throw new Error(`GraphQL endpoint answered HTTP ${response.status}`);
  return { data: body.data ?? null, errors: body.errors ?? [] };
}
