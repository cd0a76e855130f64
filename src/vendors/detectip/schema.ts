import { z } from 'zod';
import { bool, list, num, obj, root, text } from '../tolerant.ts';

/**
 * Tolerant schema of detectip.ai's `GET /api/v1/verdict` answer (docs/vendors/detectip.md). `action` is in
 * the prose and the official samples but not in the example JSON: optional like everything else.
 * Paid plans add fields (ISP, ASN, deep fingerprints) whose names are not published; they pass
 * through untouched into `raw`.
 */
export const verdictShape = {
  token: text,
  score: num,
  band: text,
  hard_rule_hit: text,
  action: text,
  signals: list(z.looseObject({ name: z.string().min(1), layer: text, llr: num, detail: text })),
  network: obj({ ja4: text }),
  ip: obj({ datacenter: bool, proxy: bool, country: text }),
};

export const verdictSchema = root(verdictShape);
export type Verdict = z.output<typeof verdictSchema>;
