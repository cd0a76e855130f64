import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VendorReport } from '../../src/model/report.ts';
import type { SourceState, Vendor } from '../../src/model/vendor.ts';
import { assessRisk, DEFAULT_RISK_POLICY, type RiskAction } from '../../src/risk/policy.ts';
import type { Severity } from '../../src/risk/taxonomy.ts';
import { okOutcome } from '../../src/sources/outcome.ts';
import { VendorError, type VendorErrorCode } from '../../src/vendors/errors.ts';
import { type Stub, type StubReply, signal, startStub } from './stub-server.ts';

/**
 * Contract tests from what the vendors publish: each case is a fixture of our own with the shape
 * and the feature of one public example (named in `mirrors`), served by the stub server to the
 * real client, with the outcome written down: the `sources` state it gives, the error code of a
 * failure, and for an answer its labels and the verdict of the built-in risk policy.
 */
export interface PublishedExample {
  /** The public example this case mirrors: where it is published, and which one. */
  mirrors: string;
  reply: StubReply;
  expected: Expected;
}

export type Expected =
  | { state: 'NOT_FOUND' }
  | { state: Exclude<SourceState, 'OK' | 'PARTIAL' | 'NOT_FOUND' | 'SKIPPED'>; error: VendorErrorCode }
  | {
      state: 'OK';
      /** Every label, as `[code, vendorCode, severity]`, in order. */
      labels: [string, string, Severity][];
      /** The verdict of the built-in risk policy on this vendor's labels alone. */
      verdict: { score: number; action: RiskAction };
      /** Anything else the example is about (facts, view fields). */
      report?: (report: VendorReport) => void;
    };

/** Runs one lookup and checks it against the written-down outcome. */
export async function expectOutcome(
  vendor: Vendor,
  call: Promise<VendorReport | null>,
  expected: Expected,
): Promise<void> {
  const outcome = await call.then(
    (report) => okOutcome(vendor, report, { latencyMs: 0, cached: false, validForMs: 0 }),
    (error: unknown) => {
      if (!(error instanceof VendorError)) throw error;
      return { status: error.sourceState, report: null, error };
    },
  );
  expect(outcome.status).toBe(expected.state);
  if ('error' in expected) expect(outcome.error?.code).toBe(expected.error);
  if (expected.state !== 'OK') {
    expect(outcome.report).toBeNull();
    return;
  }
  const report = outcome.report;
  if (!report) throw new Error('an OK outcome without a report');
  expect(report.labels.map((label) => [label.code, label.vendorCode, label.severity])).toEqual(expected.labels);
  const verdict = assessRisk(report.labels, [], DEFAULT_RISK_POLICY);
  expect({ score: verdict.score, action: verdict.action }).toEqual(expected.verdict);
  expected.report?.(report);
}

/** A vendor client as the examples use it: one lookup, then closed. */
export interface ExampleClient<Lookup> {
  fetch(lookup: Lookup, signal: AbortSignal): Promise<VendorReport | null>;
  close(): Promise<void>;
}

/**
 * One test per example: the stub serves the example's reply to a client `connect` makes for the
 * stub's URL, which looks `lookup` up.
 */
export function describePublishedExamples<Lookup>(
  title: string,
  vendor: Vendor,
  connect: (apiUrl: string) => ExampleClient<Lookup>,
  lookup: Lookup,
  examples: readonly PublishedExample[],
): void {
  describe(title, () => {
    let stub: Stub;
    let client: ExampleClient<Lookup>;
    beforeAll(async () => {
      stub = await startStub();
      client = connect(stub.url);
    });
    afterAll(async () => {
      await client.close();
      await stub.close();
    });

    it.each(examples.map((example) => [example.mirrors, example] as const))('%s', async (_mirrors, example) => {
      stub.reply(() => example.reply);
      await expectOutcome(vendor, client.fetch(lookup, signal()), example.expected);
    });
  });
}
