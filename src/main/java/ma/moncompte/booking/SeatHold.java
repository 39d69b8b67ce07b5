package ma.moncompte.booking;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A seat held for a citizen; times are in the post's offset. */
public record SeatHold(UUID id, UUID slotId, String consulate, String service, OffsetDateTime start,
		OffsetDateTime end, Instant expiresAt) {
}
