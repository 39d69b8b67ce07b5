package ma.moncompte.dispatch.internal;

import ma.moncompte.dispatch.ShipmentEvent;
import ma.moncompte.dispatch.ShipmentStatus;
import ma.moncompte.streams.EventLog;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Applies one courier update to a shipment whose row the caller has locked, inside the caller's
 * transaction: the checkpoint, the current status if the update is the latest, the pre-arrival mail,
 * and last the event-log row.
 */
@Component
class Tracking {

	private final ShipmentRepository shipments;

	private final ShipmentMails mails;

	private final EventLog eventLog;

	Tracking(ShipmentRepository shipments, ShipmentMails mails, EventLog eventLog) {
		this.shipments = shipments;
		this.mails = mails;
		this.eventLog = eventLog;
	}

	Mono<ShipmentEvent> apply(Shipment locked, CourierUpdate update, String webhookId) {
		return this.shipments.recordCheckpoint(locked.id(), update, webhookId).flatMap(movedTo -> {
			ShipmentStatus previous = locked.status();
			ShipmentStatus current = movedTo.orElse(previous);
			boolean changed = current != previous;
			// Mail only on arriving in such a status: a repeated or late report of it says nothing new.
			Mono<Void> mail = changed && current.announcesArrival()
					? this.mails.preArrival(locked, current, update) : Mono.empty();
			ShipmentEvent event = new ShipmentEvent(locked.id(), locked.reference(), current, previous, changed,
					locked.consulateCode(), locked.courierCode(), locked.trackingNumber(),
					new ShipmentEvent.Checkpoint(update.status(), update.occurredAt(), update.location(),
							update.message()));
			return mail.then(this.eventLog.append(locked.accountId(), ShipmentEvent.STATUS_CHANGED, event))
				.thenReturn(event);
		});
	}

}
