package ma.moncompte.dispatch;

import java.time.Instant;
import java.util.UUID;

/**
 * Payload of {@code shipment.created} and {@code shipment.status-changed} in the event log.
 * <p>
 * A status-changed event is appended for every courier update that is applied, including a late one
 * that only adds to the history: {@code statusChanged} then is false and {@code status} still names the
 * current status, which a late update never moves backwards.
 *
 * @param status the shipment's current status after this update
 * @param previousStatus the current status before it; {@code null} for a new shipment
 * @param checkpoint the update itself
 */
public record ShipmentEvent(UUID shipmentId, String reference, ShipmentStatus status, ShipmentStatus previousStatus,
		boolean statusChanged, String consulate, String courier, String trackingNumber, Checkpoint checkpoint) {

	public static final String CREATED = "shipment.created";

	public static final String STATUS_CHANGED = "shipment.status-changed";

	public record Checkpoint(ShipmentStatus status, Instant occurredAt, String location, String message) {
	}

}
