package ma.moncompte.dispatch;

import java.util.Arrays;
import java.util.Optional;

/**
 * Where a passport, CNIE or document on its way to the citizen is. Couriers report these values
 * verbatim in their webhooks; the order below is also the tie-break when two checkpoints carry the very
 * same {@code occurredAt} (the later value wins), so the outcome never depends on arrival order.
 */
public enum ShipmentStatus {

	/** The consulate prepared the parcel and its label; the courier does not have it yet. */
	LABEL_CREATED,

	/** The courier collected the parcel from the consulate. */
	PICKED_UP,

	/** Moving through the courier's network. */
	IN_TRANSIT,

	/** On the delivery round today; the citizen is mailed. */
	OUT_FOR_DELIVERY,

	/** Nobody could receive it; the courier will try again or hold it. */
	DELIVERY_ATTEMPT_FAILED,

	/** Waiting at a pick-up point or at the consulate; the citizen is mailed. */
	AVAILABLE_FOR_PICKUP,

	/** Handed to the citizen. */
	DELIVERED,

	/** Sent back to the consulate (refused, not collected in time, wrong address). */
	RETURNED_TO_CONSULATE,

	/** Held up: damage, customs, lost; the courier's message says why. */
	EXCEPTION;

	/** Statuses that tell the citizen the document is about to reach them. */
	public boolean announcesArrival() {
		return this == OUT_FOR_DELIVERY || this == AVAILABLE_FOR_PICKUP;
	}

	public static Optional<ShipmentStatus> parse(String value) {
		return value == null ? Optional.empty()
				: Arrays.stream(values()).filter(status -> status.name().equals(value)).findFirst();
	}

}
