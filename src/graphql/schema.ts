import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { type DocumentNode, type GraphQLSchema, parse } from 'graphql';
import type { Resolvers } from '../generated/resolvers-types.ts';
import { VENDOR_REGISTRY, type VendorRegistry } from '../vendors/registry.ts';

/** The SDL files of the unified model, the source of truth for the API. Found relative to this module (src/ or dist/). */
export const SCHEMA_DIR = fileURLToPath(new URL('../../schema/', import.meta.url));

/** The model's own SDL files (schema/*.graphql), in a stable order so printed SDL is stable too. */
function coreFiles(): string[] {
  return readdirSync(SCHEMA_DIR, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.graphql'))
    .map((entry) => join(SCHEMA_DIR, entry.name))
    .sort();
}

/** The model's SDL and each registered vendor's (its `schema` file), parsed into one document. */
export function loadTypeDefs(registry: VendorRegistry = VENDOR_REGISTRY): DocumentNode {
  const files = [...coreFiles(), ...registry.descriptors.map((vendor) => fileURLToPath(vendor.schema))];
  return parse(files.map((file) => readFileSync(file, 'utf8')).join('\n'));
}

export function buildSchema(resolvers: Resolvers, registry: VendorRegistry = VENDOR_REGISTRY): GraphQLSchema {
  // Codegen's `useIndexSignature` makes the generated `Resolvers` assignable to Apollo's resolver map.
  return buildSubgraphSchema([{ typeDefs: loadTypeDefs(registry), resolvers }]);
}
