import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { type DocumentNode, type GraphQLSchema, parse } from 'graphql';
import type { Resolvers } from '../generated/resolvers-types.ts';

/** The SDL files in schema/, the source of truth for the API. Found relative to this module (src/ or dist/). */
export const SCHEMA_DIR = fileURLToPath(new URL('../../schema/', import.meta.url));

function sdlFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) return sdlFiles(path);
      return entry.name.endsWith('.graphql') ? [path] : [];
    })
    .sort();
}

/** All SDL files parsed into one document (file order is stable so printed SDL is too). */
export function loadTypeDefs(directory = SCHEMA_DIR): DocumentNode {
  return parse(
    sdlFiles(directory)
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n'),
  );
}

export function buildSchema(resolvers: Resolvers): GraphQLSchema {
  // Codegen's `useIndexSignature` makes the generated `Resolvers` assignable to Apollo's resolver map.
  return buildSubgraphSchema([{ typeDefs: loadTypeDefs(), resolvers }]);
}
