package ma.moncompte.booking;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Payload of {@code appointment.booked}, {@code appointment.cancelled} and
 * {@code appointment.status-changed} in the event log.
 */
public record AppointmentEvent(UUID appointmentId, String reference, AppointmentStatus status,
		AppointmentStatus previousStatus, UUID slotId, String consulate, String service, OffsetDateTime start,
		OffsetDateTime end) {

	public static final String BOOKED = "appointment.booked";

	public static final String CANCELLED = "appointment.cancelled";

	public static final String STATUS_CHANGED = "appointment.status-changed";

}
