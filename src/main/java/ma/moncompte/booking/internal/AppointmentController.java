package ma.moncompte.booking.internal;

import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import ma.moncompte.accounts.CurrentUser;
import ma.moncompte.support.ApiProblem;
import ma.moncompte.support.IdempotentRequests;
import ma.moncompte.support.IdempotentRequests.StoredResponse;
import ma.moncompte.support.ProblemResponses;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/me/appointments")
class AppointmentController {

	private static final String SCOPE = "booking";

	private final Bookings bookings;

	private final AppointmentRepository appointments;

	private final IdempotentRequests idempotency;

	private final ProblemResponses problems;

	private final TransactionalOperator transactions;

	private final JsonMapper json;

	AppointmentController(Bookings bookings, AppointmentRepository appointments, IdempotentRequests idempotency,
			ProblemResponses problems, TransactionalOperator transactions, JsonMapper json) {
		this.bookings = bookings;
		this.appointments = appointments;
		this.idempotency = idempotency;
		this.problems = problems;
		this.transactions = transactions;
		this.json = json;
	}

	record BookingRequest(@NotNull UUID slotId) {
	}

	@PostMapping
	@ApiResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = AppointmentView.class)))
	Mono<ResponseEntity<String>> book(@AuthenticationPrincipal CurrentUser citizen,
			@Valid @RequestBody BookingRequest request,
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
		if (idempotencyKey == null) {
			return this.bookings.book(citizen, request.slotId())
				.as(this.transactions::transactional)
				.map(view -> created(view));
		}
		String path = "/api/v1/me/appointments";
		return this.idempotency
			.once(citizen.accountId(), SCOPE, idempotencyKey, "slot:" + request.slotId(),
					() -> this.bookings.book(citizen, request.slotId())
						.map(view -> new StoredResponse(201, MediaType.APPLICATION_JSON_VALUE, this.json.writeValueAsString(view)))
						// Refusals are answers too: a retry must get the same one.
						.onErrorResume(ApiProblem.class, problem -> Mono.just(new StoredResponse(problem.status().value(),
								MediaType.APPLICATION_PROBLEM_JSON_VALUE, this.problems.render(problem, path)))))
			.as(this.transactions::transactional)
			.map(stored -> ResponseEntity.status(stored.status())
				.contentType(MediaType.parseMediaType(stored.contentType()))
				.body(stored.body()));
	}

	private ResponseEntity<String> created(AppointmentView view) {
		return ResponseEntity.status(HttpStatus.CREATED)
			.contentType(MediaType.APPLICATION_JSON)
			.body(this.json.writeValueAsString(view));
	}

	@GetMapping
	Flux<AppointmentView> list(@AuthenticationPrincipal CurrentUser citizen) {
		return this.appointments.findByAccount(citizen.accountId()).map(this.bookings::view);
	}

	@GetMapping("/{id}")
	Mono<AppointmentView> one(@AuthenticationPrincipal CurrentUser citizen, @PathVariable UUID id) {
		return this.bookings.ownAppointment(citizen, id).map(this.bookings::view);
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	Mono<Void> cancel(@AuthenticationPrincipal CurrentUser citizen, @PathVariable UUID id) {
		return this.bookings.cancel(citizen, id).as(this.transactions::transactional).then();
	}

}
