import { expect } from 'vitest';
import { HitprobeClient } from '../../src/vendors/hitprobe/client.ts';
import type { HitprobeView } from '../../src/vendors/hitprobe/view.ts';
import { fixture } from '../support/fixtures.ts';
import { describePublishedExamples, type PublishedExample } from './published-examples.ts';
import { TRANSPORT } from './stub-server.ts';

/**
 * Hitprobe's published examples: the three `device` objects of its device reference
 * (https://docs.hitprobe.com/reference/device/: unsuccessful, invalid probe id, successful), the
 * `rules` array of its smart rules and rules pages (https://docs.hitprobe.com/console/smart-rules)
 * and its status-code table (https://docs.hitprobe.com/api/status-codes). Our own values, their
 * shapes and features.
 */

const view = (report: { view: unknown }) => report.view as HitprobeView;

const EXAMPLES: PublishedExample[] = [
  {
    mirrors: 'device reference "Unsuccessful": success false, valid null: a failure, never an answer',
    reply: { status: 200, body: { device: { success: false, valid: null }, rules: [] } },
    expected: { state: 'UNAVAILABLE', error: 'VENDOR_UNAVAILABLE' },
  },
  {
    mirrors: 'device reference "Invalid probe ID": success true, valid false',
    reply: { status: 200, body: { device: { success: true, valid: false }, rules: [] } },
    expected: { state: 'NOT_FOUND' },
  },
  {
    mirrors: 'device reference "Successful": every documented property, a clean PC browser',
    reply: { status: 200, body: fixture('hitprobe/contract/successful.json') },
    expected: {
      state: 'OK',
      labels: [],
      verdict: { score: 0, action: 'ALLOW' },
      report: (report) => {
        expect(report.device).toMatchObject({
          id: 'hitprobe:pY8nLw3QzK5tRm2VcX7bHs',
          firstSeenAt: '2026-03-18T10:02:44.918Z',
        });
        expect(report.bot).toEqual({ detected: false, kind: 'HUMAN', headless: false });
        expect(view(report)).toMatchObject({ uaTouchCapable: false, uaPc: true, memory: null, vendor: null });
        expect(report.drift).toEqual([]);
      },
    },
  },
  {
    mirrors:
      'rules of every type: smart `anonymous` (review) and `location` (allow_review), a custom rule (block), an allowlist rule',
    reply: { status: 200, body: fixture('hitprobe/contract/successful-with-rules.json') },
    expected: {
      state: 'OK',
      labels: [
        ['ANONYMOUS', 'anonymous', 'MEDIUM'],
        ['ANONYMOUS', 'rule:anonymous', 'MEDIUM'],
        ['VENDOR_ACTION', 'rule:anonymous:review', 'MEDIUM'],
        ['UNEXPECTED_COUNTRY', 'rule:location', 'LOW'],
        ['VENDOR_ACTION', 'rule:location:allow_review', 'MEDIUM'],
        ['VENDOR_ACTION', 'rule:r_b71c2:block', 'HIGH'],
      ],
      // ANONYMOUS 15, UNEXPECTED_COUNTRY 5, VENDOR_ACTION once, at the strongest action (block): 35.
      verdict: { score: 55, action: 'CHALLENGE' },
      report: (report) => {
        expect(report.ip).toEqual({ address: '185.220.101.37', version: 'V4' });
        expect(view(report)).toMatchObject({ uaTouchCapable: true, uaPc: false, probeIpMatch: null });
        expect(view(report).rules.map((rule) => rule.id)).toEqual(['anonymous', 'location', 'r_b71c2', 'al_staff']);
      },
    },
  },
  {
    mirrors: 'status codes: 400 a field failed validation',
    reply: { status: 400, body: { message: '[probe_id] String should have at most 50 characters' } },
    expected: { state: 'TOKEN_INVALID', error: 'TOKEN_INVALID' },
  },
  {
    mirrors: 'status codes: 401 no valid secret key',
    reply: { status: 401, body: { message: 'A valid secret_key was not found.' } },
    expected: { state: 'UNAVAILABLE', error: 'VENDOR_AUTH_FAILED' },
  },
  {
    mirrors: 'status codes: 403 the plan limit is reached',
    reply: { status: 403, body: { message: "You've hit the limit on your plan." } },
    expected: { state: 'QUOTA_EXCEEDED', error: 'VENDOR_QUOTA_EXCEEDED' },
  },
  {
    mirrors: 'status codes: 429 too many requests',
    reply: { status: 429, body: { message: 'Too many requests.' } },
    expected: { state: 'RATE_LIMITED', error: 'VENDOR_RATE_LIMITED' },
  },
  {
    mirrors: 'status codes: 503 temporarily unavailable',
    reply: { status: 503, body: { message: 'Unavailable.' } },
    expected: { state: 'UNAVAILABLE', error: 'VENDOR_UNAVAILABLE' },
  },
];

describePublishedExamples(
  'Hitprobe answers shaped like its published examples',
  'HITPROBE',
  (apiUrl) => new HitprobeClient({ ...TRANSPORT, apiUrl, secretKey: 'hp_examples', cacheTtlMs: 60_000 }),
  { probeId: 'Hq4vT9sLx2MbWk7PzR1cDa' },
  EXAMPLES,
);
