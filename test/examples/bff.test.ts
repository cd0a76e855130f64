import { Kind, type OperationDefinitionNode, parse, print } from 'graphql';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import type { LoginRiskQueryVariables, RiskAction } from '../../examples/bff/gql/graphql.ts';
import { checkLogin, type LoginDecision, LoginRiskQuery } from '../../examples/bff/login-check.ts';
import { type Harness, startHarness } from '../support/harness.ts';

describe('examples/bff: a typed sign-in check', () => {
  let harness: Harness;
  let endpoint: string;
  beforeAll(async () => {
    harness = await startHarness();
    endpoint = `${harness.app.url}/graphql`;
  });
  afterAll(() => harness.close());

  it('asks only for risk { action reasons { code } }', () => {
    const document = parse(LoginRiskQuery.toString());
    const operation = document.definitions[0] as OperationDefinitionNode;
    expect(operation.kind).toBe(Kind.OPERATION_DEFINITION);
    expect(print(operation.selectionSet).replace(/\s+/g, ' ')).toBe(
      '{ event(signals: $signals) { risk { action reasons { code } } } }',
    );
    // The generated types follow the schema: the variables need signals, the action is the enum.
    expectTypeOf<LoginRiskQueryVariables>().toHaveProperty('signals');
    expectTypeOf<LoginDecision['action']>().toEqualTypeOf<RiskAction>();
  });

  it('returns the verdict and its reasons', async () => {
    const decision = await checkLogin(endpoint, {
      fingerprintEventId: '1708102555327.NLOjmg',
      detectIpToken: 'cleanweb-ada-0001',
    });
    expect(decision).toEqual({ action: 'ALLOW', reasons: ['PROXY', 'INCOGNITO'], partial: false });
  });

  it('says when the verdict is partial because a vendor failed', async () => {
    harness.simulator.addFault({ vendor: 'DETECTIP', fault: { kind: 'status', status: 503 } });
    try {
      const decision = await checkLogin(endpoint, {
        fingerprintEventId: '1708102555327.NLOjmg',
        detectIpToken: 'botd-bff-down-0001',
      });
      expect(decision).toEqual({ action: 'ALLOW', reasons: ['PROXY', 'INCOGNITO'], partial: true });
    } finally {
      harness.simulator.clearFaults();
    }
  });

  it('falls back to its own decision when no verdict comes back', async () => {
    const decision = await checkLogin(endpoint, { fingerprintEventId: 'not an event id'.repeat(100) });
    expect(decision).toEqual({ action: 'CHALLENGE', reasons: [], partial: true });
  });
});
