package ma.moncompte.booking.internal;

import java.time.OffsetDateTime;
import java.util.UUID;

import ma.moncompte.booking.AppointmentStatus;

record AppointmentView(UUID id, String reference, AppointmentStatus status, UUID slotId, String consulate,
		String service, OffsetDateTime start, OffsetDateTime end) {
}
