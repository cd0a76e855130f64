import type { Feedback } from '../connector.ts';

/**
 * The update-event call that records an outcome at Fingerprint: v4 `PATCH /v4/events/{event_id}`
 * (https://dev.fingerprint.com/reference/updateevent) with `suspect`, `linked_id` and `tags`; v3
 * `PUT /events/{request_id}` with `suspect`, `linkedId` and `tag`. Both answer 200 with an empty
 * body. `tags` replaces the tags the event holds; a fraud outcome sets `suspect`, a legitimate one
 * clears it.
 */
export interface UpdateRequest {
  method: 'PATCH' | 'PUT';
  path: string;
  json: Record<string, unknown>;
}

export function updateRequest(apiVersion: 'v4' | 'v3', eventId: string, feedback: Feedback): UpdateRequest {
  const suspect = feedback.outcome === 'FRAUD';
  const id = encodeURIComponent(eventId);
  if (apiVersion === 'v4') {
    return {
      method: 'PATCH',
      path: `/v4/events/${id}`,
      json: { suspect, ...given('linked_id', feedback.linkedId), ...given('tags', feedback.tags) },
    };
  }
  return {
    method: 'PUT',
    path: `/events/${id}`,
    json: { suspect, ...given('linkedId', feedback.linkedId), ...given('tag', feedback.tags) },
  };
}

/** `{ [name]: value }` when the caller gave a value: what is left out stays as the vendor has it. */
function given(name: string, value: unknown): Record<string, unknown> {
  return value === undefined ? {} : { [name]: value };
}
