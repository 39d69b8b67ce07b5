package ma.moncompte.booking.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import ma.moncompte.directory.Consulate;
import ma.moncompte.directory.Directory;
import ma.moncompte.support.ApiProblem;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

@RestController
class SlotController {

	private static final int MAX_RANGE_DAYS = 62;

	private static final int DEFAULT_RANGE_DAYS = 14;

	private final SlotRepository slots;

	private final Directory directory;

	private final LocalTimes localTimes;

	SlotController(SlotRepository slots, Directory directory, LocalTimes localTimes) {
		this.slots = slots;
		this.directory = directory;
		this.localTimes = localTimes;
	}

	record SlotView(UUID id, OffsetDateTime start, OffsetDateTime end, int capacity, int remaining) {
	}

	/** Free and full slots alike, so a client can show the calendar; {@code from}/{@code to} are the post's local dates. */
	@GetMapping("/api/v1/consulates/{code}/slots")
	Flux<SlotView> slots(@PathVariable String code, @RequestParam String service,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
		Consulate consulate = this.directory.consulate(code)
			.orElseThrow(() -> ApiProblem.notFound("consulate-not-found", "There is no consulate " + code + "."));
		String serviceCode = this.directory.service(service)
			.orElseThrow(() -> ApiProblem.badRequest("unknown-service", "Unknown service",
					"Service must be one of the codes listed at /api/v1/services."))
			.code();
		LocalDate first = from != null ? from : LocalDate.now(Clock.system(consulate.timeZone()));
		LocalDate last = to != null ? to : first.plusDays(DEFAULT_RANGE_DAYS);
		if (last.isBefore(first) || ChronoUnit.DAYS.between(first, last) > MAX_RANGE_DAYS) {
			throw ApiProblem.badRequest("invalid-date-range", "Invalid date range",
					"'to' must not be before 'from', and the range may span at most " + MAX_RANGE_DAYS + " days.");
		}
		return this.slots
			.open(consulate.code(), serviceCode, this.localTimes.startOfDay(consulate.code(), first),
					this.localTimes.startOfDay(consulate.code(), last.plusDays(1)))
			.map(slot -> new SlotView(slot.id(), this.localTimes.at(slot.consulateCode(), slot.startsAt()),
					this.localTimes.at(slot.consulateCode(), slot.endsAt()), slot.capacity(),
					slot.capacity() - slot.booked()));
	}

}
