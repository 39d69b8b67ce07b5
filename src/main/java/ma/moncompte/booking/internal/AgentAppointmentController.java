package ma.moncompte.booking.internal;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import ma.moncompte.accounts.CurrentUser;
import ma.moncompte.booking.AppointmentStatus;
import ma.moncompte.directory.Consulate;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
class AgentAppointmentController {

	private final Bookings bookings;

	private final AppointmentRepository appointments;

	private final AgentScope scope;

	private final LocalTimes localTimes;

	private final TransactionalOperator transactions;

	AgentAppointmentController(Bookings bookings, AppointmentRepository appointments, AgentScope scope,
			LocalTimes localTimes, TransactionalOperator transactions) {
		this.bookings = bookings;
		this.appointments = appointments;
		this.scope = scope;
		this.localTimes = localTimes;
		this.transactions = transactions;
	}

	record StatusChange(@NotNull AppointmentStatus status) {
	}

	/** The post's appointments of one local day, for the reception desk. */
	@GetMapping("/api/v1/agent/consulates/{code}/appointments")
	Flux<AppointmentView> day(@AuthenticationPrincipal CurrentUser agent, @PathVariable String code,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
		Consulate consulate = this.scope.require(agent, code);
		LocalDate day = date != null ? date : LocalDate.now(consulate.timeZone());
		return this.appointments
			.findByConsulate(consulate.code(), this.localTimes.startOfDay(consulate.code(), day),
					this.localTimes.startOfDay(consulate.code(), day.plusDays(1)))
			.map(this.bookings::view);
	}

	@PostMapping("/api/v1/agent/appointments/{id}/status")
	Mono<AppointmentView> changeStatus(@AuthenticationPrincipal CurrentUser agent, @PathVariable UUID id,
			@Valid @RequestBody StatusChange request) {
		return this.bookings.changeStatus(agent, id, request.status()).as(this.transactions::transactional);
	}

}
