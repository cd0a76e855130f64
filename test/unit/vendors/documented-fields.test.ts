import { buildSubgraphSchema } from '@apollo/subgraph';
import { type GraphQLNamedType, type GraphQLSchema, getNamedType, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadTypeDefs } from '../../../src/graphql/schema.ts';
import type { MergeRule } from '../../../src/model/merge.ts';
import { ACTION_RULES, BOT_RULES, DEVICE_RULES, IP_RULES, VELOCITY_RULES } from '../../../src/model/merge-rules.ts';
import { RISK_CODES } from '../../../src/risk/taxonomy.ts';
import type { VendorDescriptor } from '../../../src/vendors/descriptor.ts';
import { VENDOR_REGISTRY } from '../../../src/vendors/registry.ts';

/**
 * Each vendor's table of documented response fields (`src/vendors/<vendor>/fields.ts`, rendered in
 * docs/vendors.md) is held to the code: every destination exists, a model field it feeds lists the
 * vendor in its merge rule (or the value would be dropped silently), every merge rule that lists
 * the vendor is fed by a documented field, and every field of the vendor's view shows some
 * documented field.
 */

const schema: GraphQLSchema = buildSubgraphSchema([{ typeDefs: loadTypeDefs() }]);

/** The merge rule of each unified field, by `Type.field`. */
const RULES: ReadonlyMap<string, MergeRule> = new Map(
  (
    [
      ['Event', ACTION_RULES],
      ['Device', DEVICE_RULES],
      ['IpInfo', IP_RULES],
      ['Velocity', VELOCITY_RULES],
      ['BotVerdict', BOT_RULES],
    ] as const
  ).flatMap(([type, rules]) => Object.entries(rules).map(([field, rule]) => [`${type}.${field}`, rule as MergeRule])),
);

function fieldOf(name: string) {
  const [typeName = '', fieldName = ''] = name.split('.');
  const type = schema.getType(typeName);
  return isObjectType(type) ? type.getFields()[fieldName] : undefined;
}

/** The vendor's view type and every object type reachable from it. */
function viewTypes(vendor: VendorDescriptor): Set<string> {
  const seen = new Set<string>();
  const visit = (type: GraphQLNamedType | undefined): void => {
    if (!isObjectType(type) || seen.has(type.name)) return;
    seen.add(type.name);
    for (const field of Object.values(type.getFields())) visit(getNamedType(field.type));
  };
  visit(schema.getType(vendor.view.type) ?? undefined);
  return seen;
}

describe.each(VENDOR_REGISTRY.descriptors.map((vendor) => [vendor.name, vendor] as const))(
  'the documented fields of %s',
  (name, vendor) => {
    it('are listed, once each', () => {
      expect(vendor.fields.length).toBeGreaterThan(0);
      const paths = vendor.fields.map((field) => field.path);
      expect(paths.filter((path, index) => paths.indexOf(path) !== index)).toEqual([]);
    });

    it('each go somewhere, or are dropped with a reason, never both', () => {
      const wrong = vendor.fields.filter((field) => {
        const used = (field.model?.length ?? 0) + (field.labels?.length ?? 0) + (field.view?.length ?? 0) > 0;
        return used === (field.dropped !== undefined) || (field.dropped !== undefined && field.dropped.length < 10);
      });
      expect(wrong.map((field) => field.path)).toEqual([]);
    });

    it('feed unified fields that exist and whose merge rules list the vendor', () => {
      const problems = vendor.fields.flatMap((field) =>
        (field.model ?? []).flatMap((target) => {
          if (!fieldOf(target)) return [`${field.path} → ${target}: no such field`];
          const rule = RULES.get(target);
          if (rule && !rule.sources.includes(name)) return [`${field.path} → ${target}: its merge rule omits ${name}`];
          return [];
        }),
      );
      expect(problems).toEqual([]);
    });

    it('feed every unified field whose merge rule lists the vendor', () => {
      const fed = new Set(vendor.fields.flatMap((field) => field.model ?? []));
      const claimed = [...RULES].filter(([, rule]) => rule.sources.includes(name)).map(([target]) => target);
      expect(claimed.filter((target) => !fed.has(target))).toEqual([]);
    });

    it('raise risk codes of the taxonomy', () => {
      const codes = vendor.fields.flatMap((field) => field.labels ?? []);
      expect(codes.filter((code) => !(code in RISK_CODES))).toEqual([]);
    });

    it('show in fields of its own view, and every field of its view shows one', () => {
      const types = viewTypes(vendor);
      const shown = new Set(vendor.fields.flatMap((field) => field.view ?? []));
      const foreign = [...shown].filter((target) => !fieldOf(target) || !types.has(target.split('.')[0] ?? ''));
      expect(foreign).toEqual([]);
      const unfed = [...types].flatMap((typeName) => {
        const type = schema.getType(typeName);
        if (!isObjectType(type)) return [];
        return Object.keys(type.getFields())
          .filter((field) => field !== 'raw')
          .map((field) => `${typeName}.${field}`)
          .filter((target) => !shown.has(target));
      });
      expect(unfed).toEqual([]);
    });
  },
);
