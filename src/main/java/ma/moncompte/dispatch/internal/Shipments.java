package ma.moncompte.dispatch.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import ma.moncompte.accounts.AccountDirectory;
import ma.moncompte.accounts.CurrentUser;
import ma.moncompte.directory.Consulate;
import ma.moncompte.dispatch.ShipmentEvent;
import ma.moncompte.streams.EventLog;
import ma.moncompte.support.ApiProblem;

import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/** Shipments entered by agents, and the look-ups citizens and agents make. */
@Component
class Shipments {

	private final ShipmentRepository shipments;

	private final CourierRepository couriers;

	private final AccountDirectory accounts;

	private final EventLog eventLog;

	private final TransactionalOperator transactions;

	Shipments(ShipmentRepository shipments, CourierRepository couriers, AccountDirectory accounts, EventLog eventLog,
			TransactionalOperator transactions) {
		this.shipments = shipments;
		this.couriers = couriers;
		this.accounts = accounts;
		this.eventLog = eventLog;
		this.transactions = transactions;
	}

	record Request(String citizenEmail, String courier, String trackingNumber, String description,
			UUID serviceRequestId) {
	}

	Mono<ShipmentView> create(CurrentUser agent, Consulate consulate, Request request) {
		String courier = CourierService.normalizeCode(request.courier());
		String tracking = TrackingNumbers.normalize(request.trackingNumber());
		if (tracking == null) {
			return Mono.error(invalid("trackingNumber", "must be letters, digits and dashes, at most "
					+ TrackingNumbers.MAX_LENGTH));
		}
		Mono<String> knownCourier = (courier == null ? Mono.just(false) : this.couriers.exists(courier))
			.flatMap(exists -> exists ? Mono.just(courier) : Mono.error(ApiProblem.unprocessable("unknown-courier",
					"Unknown courier", "No courier partner is registered with code " + request.courier() + ".")));
		return knownCourier.flatMap(code -> this.accounts.findByEmail(request.citizenEmail())
			.switchIfEmpty(Mono.error(() -> ApiProblem.unprocessable("unknown-citizen", "Unknown citizen",
					"No Mon Compte account uses this email address; the citizen must sign up first.")))
			.flatMap(citizen -> this.shipments
				.create(new ShipmentRepository.NewShipment(consulate.code(), citizen.id(), citizen.email(), code,
						tracking, request.description().trim(), request.serviceRequestId(), agent.accountId()))
				.switchIfEmpty(Mono.error(() -> ApiProblem.conflict("tracking-number-taken", "Tracking number taken",
						"Another shipment already uses this tracking number with this courier.")))))
			.flatMap(created -> this.shipments.timeline(created.id()).collectList().flatMap(timeline -> {
				ShipmentView view = ShipmentView.forAgent(created, timeline);
				ShipmentEvent event = new ShipmentEvent(created.id(), created.reference(), created.status(), null, true,
						created.consulateCode(), created.courierCode(), created.trackingNumber(),
						new ShipmentEvent.Checkpoint(created.status(), created.createdAt(), null, null));
				return this.eventLog.append(created.accountId(), ShipmentEvent.CREATED, event).thenReturn(view);
			}))
			.as(this.transactions::transactional);
	}

	/** Another citizen's shipment is reported as missing, not forbidden: references reveal nothing. */
	Mono<Shipment> ownShipment(CurrentUser citizen, String reference) {
		return this.shipments.findByReference(normalizeReference(reference))
			.filter(shipment -> shipment.accountId().equals(citizen.accountId()))
			.switchIfEmpty(Mono.error(() -> ApiProblem.notFound("shipment-not-found", "There is no such shipment.")));
	}

	/** A shipment of the agent's post; another post's is reported as missing within this post. */
	Mono<Shipment> postShipment(Consulate consulate, String reference) {
		return this.shipments.findByReference(normalizeReference(reference))
			.filter(shipment -> shipment.consulateCode().equals(consulate.code()))
			.switchIfEmpty(Mono.error(() -> ApiProblem.notFound("shipment-not-found",
					"This post has no such shipment.")));
	}

	Mono<ShipmentView> withTimeline(Shipment shipment, boolean forAgent) {
		return this.shipments.timeline(shipment.id())
			.collectList()
			.map(timeline -> forAgent ? ShipmentView.forAgent(shipment, timeline)
					: ShipmentView.forCitizen(shipment, timeline));
	}

	/** Citizens read references back, sometimes in lower case. */
	static String normalizeReference(String reference) {
		return reference == null ? "" : reference.trim().toUpperCase(Locale.ROOT);
	}

	static ApiProblem invalid(String field, String message) {
		return ApiProblem.badRequest("validation-failed", "Validation failed", "Some fields are invalid.")
			.with("errors", List.of(Map.of("field", field, "message", message)));
	}

}
