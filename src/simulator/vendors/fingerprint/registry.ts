import { BoundedMap, TOKEN_STATE_CAPACITY } from '../../bounded-map.ts';
import type { JsonObject } from '../../json.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS, REFERENCE_TIME_MS, tokenTimeMs, visitorIdFor } from '../../persona.ts';
import { Rng } from '../../random.ts';
import { SHOWCASE_EVENT } from './showcase.ts';

/** What the registry knows of an event id: whose it is, when it happened, what was updated since. */
export interface EventEntry {
  eventId: string;
  visitorId: string;
  timestampMs: number;
  update?: EventUpdate;
}

/** The fields the update-event API sets (v4 `linked_id`, `tags`, `suspect`; v3 `linkedId`, `tag`, `suspect`). */
export interface EventUpdate {
  linkedId?: string;
  tags?: JsonObject;
  suspect?: boolean;
}

/** A JS agent request id: epoch milliseconds, a dot, a random suffix (`1708102555327.NLOjmg`). */
const REQUEST_ID = /^(\d{13})\.[A-Za-z0-9]+$/;

/**
 * The simulated Fingerprint workspace's memory of events, so that lookups by id and searches by
 * visitor agree:
 * - an event id seen for the first time belongs to the visitor derived from its hash, and is
 *   listed first by the search for that visitor;
 * - a search lists the visitor's events newest first and invents older ones deterministically
 *   from the visitor id; a later lookup of such an id returns an event of that visitor.
 */
export class EventRegistry {
  readonly #events = new BoundedMap<string, EventEntry>(TOKEN_STATE_CAPACITY);
  /** Per visitor, the ids that were looked up before being listed by a search. */
  readonly #recorded = new BoundedMap<string, string[]>(TOKEN_STATE_CAPACITY);

  constructor() {
    this.#record({
      eventId: SHOWCASE_EVENT.eventId,
      visitorId: SHOWCASE_EVENT.visitorId,
      timestampMs: SHOWCASE_EVENT.timestampMs,
    });
  }

  /** The event an id names, recording a new id for its derived visitor. */
  lookup(eventId: string): EventEntry {
    const known = this.#events.get(eventId);
    if (known) return known;
    const match = REQUEST_ID.exec(eventId);
    const entry = {
      eventId,
      visitorId: visitorIdFor(eventId),
      timestampMs: match ? Number(match[1]) : tokenTimeMs(eventId),
    };
    this.#record(entry);
    return entry;
  }

  /**
   * An identification happening at `atMs`, as a webhook announces it: an id seen for the first time
   * is recorded with that time (for the visitor its hash or persona gives), so lookups of it agree
   * with the webhook; an id already known keeps the time it has.
   */
  identify(eventId: string, atMs: number): EventEntry {
    const known = this.#events.get(eventId);
    if (known) return known;
    const entry = { eventId, visitorId: visitorIdFor(eventId), timestampMs: atMs };
    this.#record(entry);
    return entry;
  }

  /** Records an update: each given field replaces the event's (tags as a whole). */
  update(eventId: string, update: EventUpdate): void {
    const entry = this.lookup(eventId);
    this.#events.set(eventId, { ...entry, update: { ...entry.update, ...update } });
  }

  /** The visitor's `limit` most recent events, newest first. */
  search(visitorId: string, limit: number): EventEntry[] {
    const recorded = (this.#recorded.get(visitorId) ?? [])
      .flatMap((eventId) => this.#events.get(eventId) ?? [])
      .sort((a, b) => b.timestampMs - a.timestampMs);
    const events = recorded.slice(0, limit);
    // The invented history is older than anything recorded, so the list stays newest first.
    const rng = new Rng('fingerprint-history', visitorId);
    let time = Math.min(
      REFERENCE_TIME_MS - rng.int(HOUR_MS, 3 * DAY_MS),
      ...recorded.map((entry) => entry.timestampMs),
    );
    while (events.length < limit) {
      time -= rng.int(2 * MINUTE_MS, 3 * DAY_MS);
      const eventId = `${time}.${rng.alnum(6)}`;
      const entry = this.#events.get(eventId) ?? { eventId, visitorId, timestampMs: time };
      this.#events.set(eventId, entry);
      events.push(entry);
    }
    return events;
  }

  #record(entry: EventEntry): void {
    this.#events.set(entry.eventId, entry);
    this.#recorded.set(entry.visitorId, [...(this.#recorded.get(entry.visitorId) ?? []), entry.eventId]);
  }
}
