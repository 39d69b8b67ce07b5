package ma.moncompte.booking.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import ma.moncompte.booking.AppointmentStatus;

record Appointment(UUID id, String reference, UUID accountId, UUID slotId, String consulateCode, String serviceCode,
		Instant startsAt, Instant endsAt, AppointmentStatus status) {

	static final String COLUMNS = "id, reference, account_id, slot_id, consulate_code, service_code, starts_at, ends_at, status";

	static Appointment from(Readable row) {
		return new Appointment(row.get("id", UUID.class), row.get("reference", String.class),
				row.get("account_id", UUID.class), row.get("slot_id", UUID.class),
				row.get("consulate_code", String.class), row.get("service_code", String.class),
				row.get("starts_at", OffsetDateTime.class).toInstant(),
				row.get("ends_at", OffsetDateTime.class).toInstant(),
				AppointmentStatus.valueOf(row.get("status", String.class)));
	}

}
