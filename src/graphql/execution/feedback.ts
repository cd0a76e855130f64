import type { GraphQLResolveInfo } from 'graphql';
import type { ReportOutcomeInput, SourceStatus } from '../../generated/resolvers-types.ts';
import type { Vendor } from '../../model/vendor.ts';
import type { Signals } from '../../signals/signals.ts';
import { validateEventId } from '../../signals/validate.ts';
import type { FeedbackOutcome } from '../../sources/vendor-service.ts';
import type { Feedback } from '../../vendors/connector.ts';
import type { RequestContext } from '../context.ts';
import { badUserInput, forbidden } from '../errors/graphql-errors.ts';

/**
 * `Mutation.reportOutcome`: an outcome sent to every vendor of the event that accepts feedback
 * (whose connector has `sendFeedback`). Everything is checked before the first vendor call, so bad
 * input changes nothing anywhere.
 */

/** What `ReportOutcomePayload` is built from: each vendor's status, and the event to read again. */
export interface FeedbackReport {
  sources: SourceStatus[];
  signals: Signals;
}

/** Longest `linkedId`: the strictest vendor's limit (Fingerprint refuses longer `linked_id`s). */
const MAX_LINKED_ID_LENGTH = 256;
/** Largest `tags` object, as JSON. */
const MAX_TAGS_BYTES = 16 * 1024;

export async function reportOutcome(
  input: ReportOutcomeInput,
  context: RequestContext,
  info: GraphQLResolveInfo,
): Promise<FeedbackReport> {
  if (!context.feedbackEnabled) {
    throw forbidden('reportOutcome is turned off in this deployment (FEEDBACK_ENABLED); nothing was sent');
  }
  const validated = validateEventId(input.eventId, 'input.eventId', context.vendors.signals, context.eventIdKey);
  if (!validated.ok) throw badUserInput(validated.problem.message, validated.problem.path);
  const { signals } = validated;
  const feedback = feedbackOf(input);
  const sources = await Promise.all(
    context.sources.feedbackVendors().map(async (vendor): Promise<SourceStatus> => {
      if (!context.sources.named(vendor, signals)) return skipped(vendor);
      const outcome = await context.sources.sendFeedback(vendor, signals, feedback);
      if (outcome.error) context.vendorErrors.add(outcome.error, info);
      return feedbackStatus(vendor, outcome);
    }),
  );
  return { sources, signals };
}

function feedbackOf(input: ReportOutcomeInput): Feedback {
  const { linkedId, tags } = input;
  if (
    linkedId !== undefined &&
    linkedId !== null &&
    (linkedId.length === 0 || linkedId.length > MAX_LINKED_ID_LENGTH)
  ) {
    throw badUserInput(`input.linkedId must be 1 to ${MAX_LINKED_ID_LENGTH} characters`, 'input.linkedId');
  }
  return {
    outcome: input.outcome,
    linkedId: linkedId ?? undefined,
    tags: tags === undefined || tags === null ? undefined : tagsObject(tags),
  };
}

function tagsObject(tags: unknown): Readonly<Record<string, unknown>> {
  if (typeof tags !== 'object' || tags === null || Array.isArray(tags)) {
    throw badUserInput('input.tags must be a JSON object, for example {"case": "CB-1042"}', 'input.tags');
  }
  if (Buffer.byteLength(JSON.stringify(tags)) > MAX_TAGS_BYTES) {
    throw badUserInput(`input.tags must be at most ${MAX_TAGS_BYTES} bytes as JSON`, 'input.tags');
  }
  return tags as Readonly<Record<string, unknown>>;
}

function skipped(vendor: Vendor): SourceStatus {
  return { vendor, status: 'SKIPPED', latencyMs: null, cached: false, errorCode: null };
}

function feedbackStatus(vendor: Vendor, { error, latencyMs }: FeedbackOutcome): SourceStatus {
  if (!error) return { vendor, status: 'OK', latencyMs, cached: false, errorCode: null };
  const status = error.sourceState;
  return { vendor, status, latencyMs, cached: false, errorCode: status === 'NOT_FOUND' ? null : error.code };
}
