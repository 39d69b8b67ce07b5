package ma.moncompte.booking.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

import io.r2dbc.spi.Readable;

record Slot(UUID id, String consulateCode, String serviceCode, Instant startsAt, Instant endsAt, int capacity,
		int booked) {

	static final String COLUMNS = "id, consulate_code, service_code, starts_at, ends_at, capacity, booked";

	static Slot from(Readable row) {
		return new Slot(row.get("id", UUID.class), row.get("consulate_code", String.class),
				row.get("service_code", String.class), row.get("starts_at", OffsetDateTime.class).toInstant(),
				row.get("ends_at", OffsetDateTime.class).toInstant(), row.get("capacity", Integer.class),
				row.get("booked", Integer.class));
	}

}
