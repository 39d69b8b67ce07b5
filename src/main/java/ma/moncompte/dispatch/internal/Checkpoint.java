package ma.moncompte.dispatch.internal;

import java.time.Instant;
import java.time.OffsetDateTime;

import io.r2dbc.spi.Readable;
import ma.moncompte.dispatch.ShipmentStatus;

/**
 * One entry of a shipment's history.
 *
 * @param source {@code CONSULATE} for the label the agent created, {@code COURIER} for webhook updates
 */
record Checkpoint(ShipmentStatus status, Instant occurredAt, String location, String message, String source) {

	static final String COLUMNS = "status, occurred_at, location, message, source";

	static Checkpoint from(Readable row) {
		return new Checkpoint(ShipmentStatus.valueOf(row.get("status", String.class)),
				row.get("occurred_at", OffsetDateTime.class).toInstant(), row.get("location", String.class),
				row.get("message", String.class), row.get("source", String.class));
	}

}
