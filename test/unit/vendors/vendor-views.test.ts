import { readFileSync } from 'node:fs';
import { Kind, type ObjectTypeDefinitionNode, parse, type TypeNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildDetectIpReport } from '../../../src/vendors/detectip/map.ts';
import { verdictSchema } from '../../../src/vendors/detectip/schema.ts';
import { buildFriendlyCaptchaReport } from '../../../src/vendors/friendlycaptcha/map.ts';
import { retrieveSchema } from '../../../src/vendors/friendlycaptcha/schema.ts';
import { buildHitprobeReport } from '../../../src/vendors/hitprobe/map.ts';
import { eventSchema } from '../../../src/vendors/hitprobe/schema.ts';
import { buildTrustDecisionReport } from '../../../src/vendors/trustdecision/map.ts';
import { deviceInfoSchema } from '../../../src/vendors/trustdecision/schema.ts';
import { fixture } from '../../support/fixtures.ts';
import { patched } from '../../support/patch.ts';

// The views' compile-time fit to their GraphQL types is in ./view-types.ts.

/** Object types of the vendor SDL files, by name. */
function objectTypes(file: string): Map<string, ObjectTypeDefinitionNode> {
  const document = parse(readFileSync(new URL(`../../../schema/vendors/${file}`, import.meta.url), 'utf8'));
  const types = new Map<string, ObjectTypeDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OBJECT_TYPE_DEFINITION) types.set(definition.name.value, definition);
  }
  return types;
}

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

/**
 * The view has exactly the GraphQL type's fields (no more, no fewer), non-null fields are never
 * null, and nested objects follow their own types.
 */
function expectExactShape(
  types: Map<string, ObjectTypeDefinitionNode>,
  typeName: string,
  value: unknown,
  path: string,
): void {
  const type = types.get(typeName);
  if (!type) throw new Error(`no type ${typeName}`);
  expect(value, path).toBeTypeOf('object');
  const record = value as Record<string, unknown>;
  const fields = type.fields ?? [];
  expect(Object.keys(record).sort(), path).toEqual(fields.map((field) => field.name.value).sort());
  for (const field of fields) {
    const fieldValue = record[field.name.value];
    const fieldPath = `${path}.${field.name.value}`;
    if (field.type.kind === Kind.NON_NULL_TYPE) expect(fieldValue, fieldPath).not.toBeNull();
    const nested = namedType(field.type);
    if (!types.has(nested) || fieldValue === null || fieldValue === undefined) continue;
    const items: unknown[] = Array.isArray(fieldValue) ? fieldValue : [fieldValue];
    for (const item of items) expectExactShape(types, nested, item, fieldPath);
  }
}

describe('vendor views match their GraphQL types exactly', () => {
  it('TrustDecisionView = TrustDecisionDevice', () => {
    const types = objectTypes('trustdecision.graphql');
    for (const path of ['seed-android.json', 'ios.json', 'web.json']) {
      const report = buildTrustDecisionReport(deviceInfoSchema.parse(fixture(`trustdecision/${path}`)));
      expectExactShape(types, 'TrustDecisionDevice', report.view, path);
    }
    expectExactShape(types, 'TrustDecisionDevice', buildTrustDecisionReport(deviceInfoSchema.parse({})).view, 'empty');
  });

  it('FriendlyCaptchaView = FriendlyCaptchaRiskIntelligence', () => {
    const types = objectTypes('friendlycaptcha.graphql');
    for (const path of ['full.json', 'null-modules.json', 'absent-modules.json', 'seed-envelope.json']) {
      const data = retrieveSchema.parse(fixture(`friendlycaptcha/${path}`)).data ?? {};
      expectExactShape(types, 'FriendlyCaptchaRiskIntelligence', buildFriendlyCaptchaReport(data).view, path);
    }
  });

  it('DetectIpView = DetectIpVerdict', () => {
    const types = objectTypes('detectip.graphql');
    for (const path of ['seed-verdict.json', 'with-action.json', 'hard-rule.json']) {
      const report = buildDetectIpReport(verdictSchema.parse(fixture(`detectip/${path}`)));
      expectExactShape(types, 'DetectIpVerdict', report.view, path);
    }
  });

  it('HitprobeView = HitprobeDevice', () => {
    const types = objectTypes('hitprobe.graphql');
    for (const body of [
      fixture('hitprobe/suspect-with-rules.json'),
      patched(fixture('hitprobe/seed-device.json'), { rules: [] }),
    ]) {
      expectExactShape(types, 'HitprobeDevice', buildHitprobeReport(eventSchema.parse(body)).view, 'hitprobe');
    }
  });
});
