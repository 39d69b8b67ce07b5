package ma.moncompte.dispatch.internal;

import ma.moncompte.accounts.CurrentUser;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** "Passport tracking": the signed-in citizen's own shipments, looked up by the reference they were given. */
@RestController
@RequestMapping("/api/v1/me/shipments")
class CitizenShipmentController {

	private final ShipmentRepository repository;

	private final Shipments shipments;

	CitizenShipmentController(ShipmentRepository repository, Shipments shipments) {
		this.repository = repository;
		this.shipments = shipments;
	}

	@GetMapping
	Flux<ShipmentView> list(@AuthenticationPrincipal CurrentUser citizen) {
		return this.repository.findByAccount(citizen.accountId()).map(s -> ShipmentView.forCitizen(s, null));
	}

	@GetMapping("/{reference}")
	Mono<ShipmentView> timeline(@AuthenticationPrincipal CurrentUser citizen, @PathVariable String reference) {
		return this.shipments.ownShipment(citizen, reference).flatMap(s -> this.shipments.withTimeline(s, false));
	}

}
