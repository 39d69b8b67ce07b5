package ma.moncompte.dispatch.internal;

import java.util.UUID;

import ma.moncompte.accounts.CurrentUser;
import ma.moncompte.directory.Consulate;
import ma.moncompte.support.ApiProblem;

import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Replays a parked courier update once its shipment exists. The shipment row is locked first, as for a
 * live webhook, then the letter is claimed in one statement, so two agents replaying at once apply it
 * once.
 */
@Component
class DeadLetters {

	private final DeadLetterRepository letters;

	private final ShipmentRepository shipments;

	private final Tracking tracking;

	private final Shipments views;

	private final TransactionalOperator transactions;

	DeadLetters(DeadLetterRepository letters, ShipmentRepository shipments, Tracking tracking, Shipments views,
			TransactionalOperator transactions) {
		this.letters = letters;
		this.shipments = shipments;
		this.tracking = tracking;
		this.views = views;
		this.transactions = transactions;
	}

	Mono<ShipmentView> replay(CurrentUser agent, Consulate consulate, UUID letterId) {
		return this.letters.findById(letterId)
			.switchIfEmpty(Mono.error(DeadLetters::notFound))
			.flatMap(letter -> this.shipments.lockByTracking(letter.courierCode(), letter.trackingNumber())
				.switchIfEmpty(Mono.error(() -> ApiProblem.conflict("no-matching-shipment", "No matching shipment",
						"No shipment uses tracking number " + letter.trackingNumber() + " with courier "
								+ letter.courierCode() + " yet: create it, then replay.")))
				.flatMap(shipment -> {
					if (!shipment.consulateCode().equals(consulate.code())) {
						// It belongs to another post's shipment: that post replays it.
						return Mono.error(notFound());
					}
					return this.letters.claimReplay(letterId, shipment.id(), agent.accountId())
						.switchIfEmpty(Mono.error(() -> ApiProblem.conflict("already-replayed", "Already replayed",
								"This update was already applied to its shipment.")))
						.flatMap(claimed -> this.tracking.apply(shipment, claimed.update(), claimed.webhookId()))
						.then(this.shipments.findByReference(shipment.reference()))
						.flatMap(updated -> this.views.withTimeline(updated, true));
				}))
			.as(this.transactions::transactional);
	}

	private static ApiProblem notFound() {
		return ApiProblem.notFound("dead-letter-not-found", "This post has no such parked update.");
	}

}
