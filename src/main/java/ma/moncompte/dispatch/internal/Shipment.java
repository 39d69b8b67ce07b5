package ma.moncompte.dispatch.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import ma.moncompte.dispatch.ShipmentStatus;

/**
 * @param recipientEmail the address the agent entered, as shown to agents; mail goes to the account's
 * current address
 * @param statusOccurredAt when the courier checkpoint that set the current status happened; {@code null}
 * until the courier first reports
 */
record Shipment(UUID id, String reference, String consulateCode, UUID accountId, String recipientEmail,
		String courierCode, String trackingNumber, String description, UUID serviceRequestId, ShipmentStatus status,
		Instant statusOccurredAt, Instant createdAt, Instant updatedAt) {

	static final String COLUMNS = "id, reference, consulate_code, account_id, recipient_email, courier_code, "
			+ "tracking_number, description, service_request_id, status, status_occurred_at, created_at, updated_at";

	static Shipment from(Readable row) {
		OffsetDateTime statusAt = row.get("status_occurred_at", OffsetDateTime.class);
		return new Shipment(row.get("id", UUID.class), row.get("reference", String.class),
				row.get("consulate_code", String.class), row.get("account_id", UUID.class),
				row.get("recipient_email", String.class), row.get("courier_code", String.class),
				row.get("tracking_number", String.class), row.get("description", String.class),
				row.get("service_request_id", UUID.class), ShipmentStatus.valueOf(row.get("status", String.class)),
				statusAt == null ? null : statusAt.toInstant(), row.get("created_at", OffsetDateTime.class).toInstant(),
				row.get("updated_at", OffsetDateTime.class).toInstant());
	}

}
