package ma.moncompte.dispatch.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import ma.moncompte.dispatch.ShipmentStatus;

/**
 * A shipment as citizens and agents see it.
 *
 * @param citizenEmail the address the agent entered; shown to agents only
 * @param timeline every checkpoint, in the order they happened; left out of lists
 * @param updatedAt when the current status last changed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ShipmentView(UUID id, String reference, ShipmentStatus status, String consulate, String courier,
		String trackingNumber, String description, UUID serviceRequestId, String citizenEmail, Instant createdAt,
		Instant updatedAt, List<CheckpointView> timeline) {

	record CheckpointView(ShipmentStatus status, Instant occurredAt, String location, String message, String source) {

		static CheckpointView of(Checkpoint checkpoint) {
			return new CheckpointView(checkpoint.status(), checkpoint.occurredAt(), checkpoint.location(),
					checkpoint.message(), checkpoint.source());
		}

	}

	static ShipmentView forCitizen(Shipment s, List<Checkpoint> timeline) {
		return new ShipmentView(s.id(), s.reference(), s.status(), s.consulateCode(), s.courierCode(),
				s.trackingNumber(), s.description(), s.serviceRequestId(), null, s.createdAt(), s.updatedAt(),
				timeline == null ? null : timeline.stream().map(CheckpointView::of).toList());
	}

	static ShipmentView forAgent(Shipment s, List<Checkpoint> timeline) {
		return new ShipmentView(s.id(), s.reference(), s.status(), s.consulateCode(), s.courierCode(),
				s.trackingNumber(), s.description(), s.serviceRequestId(), s.recipientEmail(), s.createdAt(),
				s.updatedAt(), timeline == null ? null : timeline.stream().map(CheckpointView::of).toList());
	}

}
