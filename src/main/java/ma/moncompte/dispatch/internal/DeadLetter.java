package ma.moncompte.dispatch.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import ma.moncompte.dispatch.ShipmentStatus;

/** A verified courier update for a tracking number that matched no shipment when it arrived. */
record DeadLetter(UUID id, String courierCode, String webhookId, String trackingNumber, ShipmentStatus status,
		Instant occurredAt, String location, String message, Instant receivedAt, Instant replayedAt) {

	static final String COLUMNS = "id, courier_code, webhook_id, tracking_number, status, occurred_at, location, "
			+ "message, received_at, replayed_at";

	static DeadLetter from(Readable row) {
		OffsetDateTime replayed = row.get("replayed_at", OffsetDateTime.class);
		return new DeadLetter(row.get("id", UUID.class), row.get("courier_code", String.class),
				row.get("webhook_id", String.class), row.get("tracking_number", String.class),
				ShipmentStatus.valueOf(row.get("status", String.class)),
				row.get("occurred_at", OffsetDateTime.class).toInstant(), row.get("location", String.class),
				row.get("message", String.class), row.get("received_at", OffsetDateTime.class).toInstant(),
				replayed == null ? null : replayed.toInstant());
	}

	CourierUpdate update() {
		return new CourierUpdate(this.trackingNumber, this.status, this.occurredAt, this.location, this.message);
	}

}
