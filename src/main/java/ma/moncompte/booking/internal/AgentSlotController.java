package ma.moncompte.booking.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneRules;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import ma.moncompte.accounts.CurrentUser;
import ma.moncompte.directory.Consulate;
import ma.moncompte.directory.Directory;
import ma.moncompte.support.ApiProblem;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/agent/consulates/{code}")
class AgentSlotController {

	private final SlotRepository slots;

	private final Bookings bookings;

	private final Directory directory;

	private final LocalTimes localTimes;

	private final TransactionalOperator transactions;

	private final AgentScope scope;

	AgentSlotController(SlotRepository slots, Bookings bookings, Directory directory, LocalTimes localTimes,
			TransactionalOperator transactions, AgentScope scope) {
		this.scope = scope;
		this.slots = slots;
		this.bookings = bookings;
		this.directory = directory;
		this.localTimes = localTimes;
		this.transactions = transactions;
	}

	/** @param start a local date-time in the post's zone */
	record NewSlot(@NotBlank String service, @NotNull LocalDateTime start, @Min(5) @Max(480) int durationMinutes,
			@Min(1) @Max(100) int capacity) {
	}

	record ClosureRequest(@NotNull LocalDate date, @NotBlank @Size(max = 200) String reason) {
	}

	record ClosureView(LocalDate date, String reason, int cancelledAppointments) {
	}

	@PostMapping("/slots")
	@ResponseStatus(HttpStatus.CREATED)
	Mono<SlotController.SlotView> createSlot(@AuthenticationPrincipal CurrentUser agent, @PathVariable String code,
			@Valid @RequestBody NewSlot request) {
		Consulate consulate = this.scope.require(agent, code);
		String service = this.directory.service(request.service())
			.orElseThrow(() -> ApiProblem.badRequest("unknown-service", "Unknown service",
					"Service must be one of the codes listed at /api/v1/services."))
			.code();
		Instant start = resolve(consulate, request.start());
		if (!start.isAfter(Instant.now())) {
			throw ApiProblem.unprocessable("slot-in-past", "Slot in the past", "A new slot must start in the future.");
		}
		Instant end = start.plusSeconds(request.durationMinutes() * 60L);
		return this.slots.create(consulate.code(), service, start, end, request.capacity())
			.switchIfEmpty(Mono.error(() -> ApiProblem.conflict("slot-exists", "Slot exists",
					"The post already has a slot for this service at that time.")))
			.map(slot -> new SlotController.SlotView(slot.id(), this.localTimes.at(slot.consulateCode(), slot.startsAt()),
					this.localTimes.at(slot.consulateCode(), slot.endsAt()), slot.capacity(),
					slot.capacity() - slot.booked()));
	}

	/** Closes a day: no new bookings, and booked appointments are cancelled (and their citizens told, live). */
	@PostMapping("/closures")
	@ResponseStatus(HttpStatus.CREATED)
	Mono<ClosureView> close(@AuthenticationPrincipal CurrentUser agent, @PathVariable String code,
			@Valid @RequestBody ClosureRequest request) {
		Consulate consulate = this.scope.require(agent, code);
		Instant from = this.localTimes.startOfDay(consulate.code(), request.date());
		Instant to = this.localTimes.startOfDay(consulate.code(), request.date().plusDays(1));
		return this.slots.addClosure(consulate.code(), request.date(), request.reason().trim(), agent.accountId())
			.flatMap(added -> added ? Mono.just(true) : Mono.error(ApiProblem.conflict("already-closed",
					"Already closed", "This day is already closed.")))
			.then(this.slots.closeSlots(consulate.code(), from, to))
			.thenMany(this.bookings.closeDay(consulate.code(), request.date()))
			.count()
			.map(cancelled -> new ClosureView(request.date(), request.reason().trim(), cancelled.intValue()))
			.as(this.transactions::transactional);
	}

	@GetMapping("/closures")
	Flux<SlotRepository.Closure> closures(@AuthenticationPrincipal CurrentUser agent, @PathVariable String code) {
		Consulate consulate = this.scope.require(agent, code);
		return this.slots.closures(consulate.code(), LocalDate.now(consulate.timeZone()));
	}

	/**
	 * A local time that does not exist (the hour skipped when clocks go forward) is refused rather than
	 * silently moved; in the repeated autumn hour the earlier instant is taken.
	 */
	private static Instant resolve(Consulate consulate, LocalDateTime local) {
		ZoneRules rules = consulate.timeZone().getRules();
		List<ZoneOffset> offsets = rules.getValidOffsets(local);
		if (offsets.isEmpty()) {
			throw ApiProblem.unprocessable("nonexistent-local-time", "Nonexistent local time",
					local + " does not exist in " + consulate.timeZone() + " (clocks go forward then).");
		}
		return ZonedDateTime.ofLocal(local, consulate.timeZone(), offsets.get(0)).toInstant();
	}

}
