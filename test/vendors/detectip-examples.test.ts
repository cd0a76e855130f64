import { expect } from 'vitest';
import { DetectIpClient } from '../../src/vendors/detectip/client.ts';
import type { DetectIpView } from '../../src/vendors/detectip/view.ts';
import { fixture } from '../support/fixtures.ts';
import { describePublishedExamples, type PublishedExample } from './published-examples.ts';
import { TRANSPORT } from './stub-server.ts';

/**
 * detectip.ai's published examples, all on its API page (https://detectip.ai/docs): the example
 * verdict (without `action`), the enforcement code sample's actions (allow, challenge, block; "a
 * hard rule always blocks") and the error table. Our own values, their shapes and features.
 */

const view = (report: { view: unknown }) => report.view as DetectIpView;

const EXAMPLES: PublishedExample[] = [
  {
    mirrors: 'the example verdict: known-bot from a data centre, placeholder token and JA4, no action',
    reply: { status: 200, body: fixture('detectip/contract/docs-example.json') },
    expected: {
      state: 'OK',
      labels: [
        ['BOT', 'band:known-bot', 'HIGH'],
        ['DATACENTER_IP', 'ip.datacenter', 'MEDIUM'],
      ],
      verdict: { score: 50, action: 'CHALLENGE' },
      report: (report) => {
        expect(report.bot).toEqual({ detected: true, kind: 'BAD_BOT', score: 91 });
        expect(report.ip).toMatchObject({ datacenter: true, proxy: { result: false } });
        expect(view(report)).toMatchObject({ action: null, hardRuleHit: null, ja4: 't13d…' });
      },
    },
  },
  {
    mirrors: 'the enforcement sample\'s "challenge": a suspicious VPN session',
    reply: { status: 200, body: fixture('detectip/contract/action-challenge.json') },
    expected: {
      state: 'OK',
      labels: [
        ['BOT', 'band:suspicious', 'MEDIUM'],
        ['DATACENTER_IP', 'ip.datacenter', 'MEDIUM'],
        ['VENDOR_ACTION', 'action:challenge', 'MEDIUM'],
      ],
      verdict: { score: 45, action: 'CHALLENGE' },
      report: (report) => expect(report.bot).toEqual({ detected: undefined, kind: 'SUSPICIOUS', score: 47 }),
    },
  },
  {
    mirrors: 'the enforcement sample\'s "block" after a hard rule ("a hard rule always blocks")',
    reply: { status: 200, body: fixture('detectip/contract/hard-rule-block.json') },
    expected: {
      state: 'OK',
      labels: [
        ['BOT', 'band:known-bot', 'HIGH'],
        ['BOT', 'hard_rule_hit:headless_user_agent', 'CRITICAL'],
        ['DATACENTER_IP', 'ip.datacenter', 'MEDIUM'],
        ['VENDOR_ACTION', 'action:block', 'HIGH'],
      ],
      verdict: { score: 100, action: 'BLOCK' },
    },
  },
  {
    mirrors: 'the enforcement sample\'s "allow" (default): a human, nothing to weigh',
    reply: { status: 200, body: fixture('detectip/contract/action-allow.json') },
    expected: {
      state: 'OK',
      labels: [],
      verdict: { score: 0, action: 'ALLOW' },
      report: (report) => expect(report.bot).toEqual({ detected: false, kind: 'HUMAN', score: 6 }),
    },
  },
  {
    mirrors: 'error table: 401 missing, invalid or revoked API key',
    reply: { status: 401 },
    expected: { state: 'UNAVAILABLE', error: 'VENDOR_AUTH_FAILED' },
  },
  {
    mirrors: 'error table: 402 monthly quota exceeded',
    reply: { status: 402 },
    expected: { state: 'QUOTA_EXCEEDED', error: 'VENDOR_QUOTA_EXCEEDED' },
  },
  {
    mirrors: 'error table: 404 no captured session for the token',
    reply: { status: 404 },
    expected: { state: 'NOT_FOUND' },
  },
  {
    mirrors: 'error table: 429 rate limit exceeded',
    reply: { status: 429 },
    expected: { state: 'RATE_LIMITED', error: 'VENDOR_RATE_LIMITED' },
  },
];

describePublishedExamples(
  'detectip.ai answers shaped like its published examples',
  'DETECTIP',
  (apiUrl) => new DetectIpClient({ ...TRANSPORT, apiUrl, apiKey: 'sk_examples', cacheTtlMs: 30_000 }),
  { token: 'sess_example' },
  EXAMPLES,
);
