import { Kind } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadTypeDefs } from '../../../src/graphql/schema.ts';
import { SOURCE_STATES } from '../../../src/model/vendor.ts';
import { RISK_CODES, RISK_SCOPES, SEVERITIES } from '../../../src/risk/taxonomy.ts';
import { VENDORS } from '../../../src/vendors/registry.ts';

/** Each enum's values, its extensions' included (every vendor adds its `Vendor` value in its own file). */
const enums = new Map<string, string[]>();
for (const definition of loadTypeDefs().definitions) {
  if (definition.kind !== Kind.ENUM_TYPE_DEFINITION && definition.kind !== Kind.ENUM_TYPE_EXTENSION) continue;
  const values = (definition.values ?? []).map((value) => value.name.value);
  enums.set(definition.name.value, [...(enums.get(definition.name.value) ?? []), ...values]);
}

describe('the model and the schema agree on every shared enum', () => {
  it.each([
    ['Vendor', [...VENDORS]],
    ['SourceState', [...SOURCE_STATES]],
    ['RiskCode', Object.keys(RISK_CODES)],
    ['Severity', [...SEVERITIES]],
    ['RiskScope', [...RISK_SCOPES]],
  ])('%s', (name, values) => {
    expect(enums.get(name)).toEqual(values);
  });

  it('describes every enum value for Sandbox users', () => {
    for (const definition of loadTypeDefs().definitions) {
      if (definition.kind !== Kind.ENUM_TYPE_DEFINITION) continue;
      for (const value of definition.values ?? []) {
        expect(value.description?.value, `${definition.name.value}.${value.name.value}`).toBeTruthy();
      }
    }
  });
});
