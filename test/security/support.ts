import { readFileSync } from 'node:fs';
import { request } from 'undici';

/** The README, and the GraphQL examples it shows (with their variables, when a JSON block follows). */
export const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

export interface ReadmeQuery {
  query: string;
  variables?: Record<string, unknown>;
}

export function readmeQueries(): ReadmeQuery[] {
  const queries: ReadmeQuery[] = [];
  const blocks = [...README.matchAll(/```(graphql|json|sh)\n([\s\S]*?)```/g)];
  for (const [index, block] of blocks.entries()) {
    const [, language, body = ''] = block;
    if (language === 'graphql') {
      const next = blocks[index + 1];
      const variables =
        next?.[1] === 'json' && (next.index ?? 0) - ((block.index ?? 0) + block[0].length) < 10
          ? (JSON.parse(next[2] ?? '{}') as Record<string, unknown>)
          : undefined;
      queries.push({ query: body, ...(variables ? { variables } : {}) });
    }
    if (language === 'sh') {
      // curl examples: `-d '{"query": …}'`
      for (const match of body.matchAll(/-d '(\{"query".*?\})'/g)) {
        queries.push(JSON.parse(match[1] ?? '{}') as ReadmeQuery);
      }
    }
  }
  return queries;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** POSTs a JSON body as is (which may be any JSON value) and returns the raw answer. */
export async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<RawResponse & { json: () => GraphQLBody }> {
  const response = await request(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.body.text();
  return {
    status: response.statusCode,
    headers: response.headers,
    text,
    json: () => JSON.parse(text) as GraphQLBody,
  };
}

export interface GraphQLBody {
  data?: unknown;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** The `extensions.code` of every error in a body. */
export function codesOf(body: GraphQLBody): string[] {
  return (body.errors ?? []).map((error) => String(error.extensions?.['code']));
}
