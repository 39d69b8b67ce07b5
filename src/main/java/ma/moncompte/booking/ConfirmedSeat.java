package ma.moncompte.booking;

import java.time.OffsetDateTime;
import java.util.UUID;

/** The appointment booked in a held seat. */
public record ConfirmedSeat(UUID holdId, UUID appointmentId, String reference, OffsetDateTime start,
		OffsetDateTime end) {
}
