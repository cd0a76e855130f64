import { isJsonObject, type Json } from '../../json.ts';
import type { Reply } from '../../reply.ts';
import type { EventUpdate } from './registry.ts';

/**
 * The update-event API's request body, in either version's spelling: v4 `PATCH /v4/events/{id}`
 * with `linked_id`, `tags`, `suspect`; v3 `PUT /events/{id}` with `linkedId`, `tag`, `suspect`.
 * Anything else, a field of the wrong type or no field at all is the documented 400.
 */
export interface UpdateFields {
  linkedId: string;
  tags: string;
}

export type ParsedUpdate = { ok: true; update: EventUpdate } | { ok: false; reply: Reply };

/** Fingerprint: "linked_id can't be greater than 256 characters long". */
const MAX_LINKED_ID_LENGTH = 256;

export function parseUpdate(body: string, fields: UpdateFields, invalid: (message: string) => Reply): ParsedUpdate {
  const refuse = (message: string): ParsedUpdate => ({ ok: false, reply: invalid(message) });
  let value: Json;
  try {
    value = JSON.parse(body) as Json;
  } catch {
    return refuse('request body is not valid');
  }
  if (!isJsonObject(value)) return refuse('request body is not valid');
  const known = new Set([fields.linkedId, fields.tags, 'suspect']);
  const keys = Object.keys(value);
  if (keys.length === 0 || keys.some((key) => !known.has(key))) return refuse('request body is not valid');
  const linkedId = value[fields.linkedId];
  const tags = value[fields.tags];
  const suspect = value['suspect'];
  if (linkedId !== undefined && typeof linkedId !== 'string') return refuse('request body is not valid');
  if (typeof linkedId === 'string' && linkedId.length > MAX_LINKED_ID_LENGTH) {
    return refuse(`linked_id can't be greater than ${MAX_LINKED_ID_LENGTH} characters long`);
  }
  if (tags !== undefined && !isJsonObject(tags)) return refuse('request body is not valid');
  if (suspect !== undefined && typeof suspect !== 'boolean') return refuse('request body is not valid');
  return {
    ok: true,
    update: {
      ...(linkedId === undefined ? {} : { linkedId }),
      ...(tags === undefined ? {} : { tags }),
      ...(suspect === undefined ? {} : { suspect }),
    },
  };
}
