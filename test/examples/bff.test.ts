import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Kind, type OperationDefinitionNode, parse, print } from 'graphql';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { ReportChargebackMutation, reportChargeback } from '../../examples/bff/chargeback.ts';
import type { LoginRiskQueryVariables, RiskAction } from '../../examples/bff/gql/graphql.ts';
import { checkLogin, type LoginDecision, LoginRiskQuery } from '../../examples/bff/login-check.ts';
import { checkPayment, PaymentRiskQuery } from '../../examples/bff/payment-check.ts';
import { type Harness, startHarness } from '../support/harness.ts';

const POLICY_FILE = fileURLToPath(new URL('../../examples/bff/risk-policy.yaml', import.meta.url));

/** An operation's selection on one line. */
const selection = (document: { toString(): string }) =>
  print((parse(document.toString()).definitions[0] as OperationDefinitionNode).selectionSet).replace(/\s+/g, ' ');

describe('examples/bff: typed sign-in and payment checks, and a chargeback', () => {
  let harness: Harness;
  let endpoint: string;
  beforeAll(async () => {
    harness = await startHarness({ RISK_POLICY_FILE: POLICY_FILE });
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

  it('asks the payment checkpoint for its verdict, with the Event.id to keep with the order', () => {
    expect(selection(PaymentRiskQuery)).toBe(
      '{ event(signals: $signals) { id risk(checkpoint: "payment") { action policyVersion reasons { code rule } } } }',
    );
    expect(selection(ReportChargebackMutation)).toBe(
      '{ reportOutcome(input: $input) { sources { vendor status errorCode } } }',
    );
  });

  it('takes an ordinary payment, and blocks a card-testing script on the fraud team ruleset', async () => {
    const taken = await checkPayment(endpoint, {
      fingerprintEventId: 'cleanweb-bfftest-pay-1',
      detectIpToken: 'cleanweb-bfftest-pay-1',
    });
    expect(taken).toEqual({
      action: 'ALLOW',
      reasons: ['RULESET_ALLOW (ruleset rs_sim_payments, no rule matched: default action)'],
      eventId: expect.stringMatching(/^ev1_/),
      policyVersion: expect.stringMatching(/^sha256:/),
      partial: false,
    });
    const blocked = await checkPayment(endpoint, { fingerprintEventId: 'headless-bfftest-pay-2' });
    expect(blocked.action).toBe('BLOCK');
    expect(blocked.reasons).toContain('RULESET_BLOCK (ruleset rs_sim_payments, rule r_sim_bad_bot)');
  });

  it('reports a chargeback as FRAUD: Fingerprint flags the event as suspect', async () => {
    const fingerprintEventId = 'cleanweb-bfftest-pay-3';
    const payment = await checkPayment(endpoint, { fingerprintEventId });
    const report = await reportChargeback(endpoint, {
      eventId: payment.eventId ?? '',
      accountId: 'acct-test-1',
      caseId: 'CB-TEST-1',
    });
    expect(report).toEqual({ vendors: [{ vendor: 'FINGERPRINT', status: 'OK', errorCode: null }], retryLater: false });
    const flagged = await harness.query<{ event: { fingerprint: { suspect: boolean; linkedId: string } } }>(
      `{ event(signals: {fingerprintEventId: "${fingerprintEventId}"}) { fingerprint { suspect linkedId } } }`,
    );
    expect(flagged.data?.event.fingerprint).toEqual({ suspect: true, linkedId: 'acct-test-1' });
  });

  it('says to retry a chargeback reported seconds after the payment', async () => {
    // Stamped in the future: Fingerprint still propagates the event, however slow the machine.
    const payment = await checkPayment(endpoint, { fingerprintEventId: `${Date.now() + 3_600_000}.bffnew` });
    const report = await reportChargeback(endpoint, { eventId: payment.eventId ?? '', accountId: 'a', caseId: 'c' });
    expect(report.retryLater).toBe(true);
  });

  it('runs as npm run example:bff, sign-ins, payments and chargeback', () => {
    const result = spawnSync(
      process.execPath,
      [fileURLToPath(new URL('../../examples/bff/main.ts', import.meta.url))],
      {
        env: { PATH: process.env['PATH'] },
        encoding: 'utf8',
        timeout: 30_000,
      },
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Ada, usual laptop +→ ALLOW +reasons: PROXY, INCOGNITO$/m);
    expect(result.stdout).toMatch(/^Grace pays 80 EUR +→ ALLOW /m);
    expect(result.stdout).toMatch(/^card testing script +→ BLOCK .*RULESET_BLOCK/m);
    expect(result.stdout).toMatch(/^Chargeback CB-2041 reported as FRAUD → FINGERPRINT OK$/m);
  });
});
