package ma.moncompte.dispatch.internal;

import java.time.Instant;

import ma.moncompte.dispatch.ShipmentStatus;

/** A courier's progress report, as the webhook body carries it once validated. */
record CourierUpdate(String trackingNumber, ShipmentStatus status, Instant occurredAt, String location,
		String message) {
}
