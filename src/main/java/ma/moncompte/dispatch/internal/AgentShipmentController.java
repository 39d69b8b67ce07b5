package ma.moncompte.dispatch.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import ma.moncompte.accounts.CurrentUser;
import ma.moncompte.directory.Consulate;
import ma.moncompte.dispatch.ShipmentStatus;
import ma.moncompte.support.ApiProblem;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** A post's agents hand documents to couriers, follow them, and replay updates that arrived too early. */
@RestController
@RequestMapping("/api/v1/agent/consulates/{code}")
class AgentShipmentController {

	private static final int MAX_LIMIT = 500;

	private final DispatchAgentScope scope;

	private final Shipments shipments;

	private final ShipmentRepository repository;

	private final DeadLetterRepository deadLetters;

	private final DeadLetters replays;

	AgentShipmentController(DispatchAgentScope scope, Shipments shipments, ShipmentRepository repository,
			DeadLetterRepository deadLetters, DeadLetters replays) {
		this.scope = scope;
		this.shipments = shipments;
		this.repository = repository;
		this.deadLetters = deadLetters;
		this.replays = replays;
	}

	/** @param serviceRequestId the citizen's service request this shipment fulfils, if any */
	record NewShipment(@NotBlank @Email @Size(max = 254) String citizenEmail, @NotBlank @Size(max = 32) String courier,
			@NotBlank @Size(max = 100) String trackingNumber, @NotBlank @Size(max = 500) String description,
			UUID serviceRequestId) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record DeadLetterView(UUID id, String courier, String webhookId, String trackingNumber, ShipmentStatus status,
			Instant occurredAt, String location, String message, Instant receivedAt, String shipmentReference) {
	}

	@PostMapping("/shipments")
	@ResponseStatus(HttpStatus.CREATED)
	Mono<ShipmentView> create(@AuthenticationPrincipal CurrentUser agent, @PathVariable String code,
			@Valid @RequestBody NewShipment request) {
		Consulate consulate = this.scope.require(agent, code);
		return this.shipments.create(agent, consulate, new Shipments.Request(request.citizenEmail(), request.courier(),
				request.trackingNumber(), request.description(), request.serviceRequestId()));
	}

	/** The post's shipments, most recently moved first; {@code status} may repeat or list several, comma-separated. */
	@GetMapping("/shipments")
	Flux<ShipmentView> list(@AuthenticationPrincipal CurrentUser agent, @PathVariable String code,
			@RequestParam(name = "status", required = false) List<String> status,
			@RequestParam(defaultValue = "100") int limit) {
		Consulate consulate = this.scope.require(agent, code);
		return this.repository.findByConsulate(consulate.code(), statuses(status), clamp(limit))
			.map(s -> ShipmentView.forAgent(s, null));
	}

	@GetMapping("/shipments/{reference}")
	Mono<ShipmentView> one(@AuthenticationPrincipal CurrentUser agent, @PathVariable String code,
			@PathVariable String reference) {
		Consulate consulate = this.scope.require(agent, code);
		return this.shipments.postShipment(consulate, reference).flatMap(s -> this.shipments.withTimeline(s, true));
	}

	/** Verified courier updates whose tracking number matched no shipment on arrival, newest first. */
	@GetMapping("/dead-letters")
	Flux<DeadLetterView> deadLetters(@AuthenticationPrincipal CurrentUser agent, @PathVariable String code,
			@RequestParam(defaultValue = "100") int limit) {
		Consulate consulate = this.scope.require(agent, code);
		return this.deadLetters.pendingFor(consulate.code(), clamp(limit))
			.map(listed -> new DeadLetterView(listed.letter().id(), listed.letter().courierCode(),
					listed.letter().webhookId(), listed.letter().trackingNumber(), listed.letter().status(),
					listed.letter().occurredAt(), listed.letter().location(), listed.letter().message(),
					listed.letter().receivedAt(), listed.shipmentReference()));
	}

	/** Applies a parked update to the shipment that now carries its tracking number; once only. */
	@PostMapping("/dead-letters/{id}/replay")
	Mono<ShipmentView> replay(@AuthenticationPrincipal CurrentUser agent, @PathVariable String code,
			@PathVariable UUID id) {
		Consulate consulate = this.scope.require(agent, code);
		return this.replays.replay(agent, consulate, id);
	}

	private static List<ShipmentStatus> statuses(List<String> values) {
		List<ShipmentStatus> statuses = new ArrayList<>();
		if (values == null) {
			return statuses;
		}
		values.stream().flatMap(value -> Arrays.stream(value.split(","))).map(String::trim).filter(v -> !v.isEmpty())
			.forEach(value -> statuses.add(ShipmentStatus.parse(value.toUpperCase(Locale.ROOT))
				.orElseThrow(() -> ApiProblem.badRequest("unknown-status", "Unknown status",
						"status must be one of " + Arrays.toString(ShipmentStatus.values()) + "."))));
		return statuses;
	}

	private static int clamp(int limit) {
		if (limit < 1 || limit > MAX_LIMIT) {
			throw ApiProblem.badRequest("invalid-limit", "Invalid limit", "limit must be between 1 and " + MAX_LIMIT + ".");
		}
		return limit;
	}

}
