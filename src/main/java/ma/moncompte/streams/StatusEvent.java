package ma.moncompte.streams;

import java.time.Instant;
import java.util.UUID;

/**
 * One row of the event log: a state change that a citizen can watch.
 *
 * @param id monotonically increasing per citizen, in commit order; the SSE {@code id:} field
 * @param payload the event's JSON document, kept verbatim
 */
public record StatusEvent(long id, UUID accountId, String type, Instant occurredAt, String payload) {
}
