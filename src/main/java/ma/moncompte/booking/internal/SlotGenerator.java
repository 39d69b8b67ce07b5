package ma.moncompte.booking.internal;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import ma.moncompte.directory.ConsularService;
import ma.moncompte.directory.Consulate;
import ma.moncompte.directory.Directory;
import ma.moncompte.directory.OpeningHours;
import ma.moncompte.directory.PublicHolidays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Keeps every post's calendar filled for the coming weeks: weekdays within opening hours, except
 * Moroccan public holidays and the post's closures. Runs daily and at start-up; safe to run on every
 * instance at once.
 */
@Component
class SlotGenerator {

	private static final Logger log = LoggerFactory.getLogger(SlotGenerator.class);

	private final SlotRepository slots;

	private final Directory directory;

	private final BookingProperties properties;

	private final Clock clock;

	SlotGenerator(SlotRepository slots, Directory directory, BookingProperties properties) {
		this.slots = slots;
		this.directory = directory;
		this.properties = properties;
		this.clock = Clock.systemUTC();
	}

	@EventListener(ApplicationReadyEvent.class)
	void onStartup() {
		if (this.properties.generateOnStartup()) {
			generateAhead().subscribe(count -> log.info("Slot generation: {} new slots", count),
					ex -> log.error("Slot generation failed", ex));
		}
	}

	@Scheduled(cron = "${moncompte.booking.generation-cron:0 15 1 * * *}", zone = "UTC")
	Mono<Long> daily() {
		return generateAhead().doOnNext(count -> log.info("Daily slot generation: {} new slots", count));
	}

	Mono<Long> generateAhead() {
		return Flux.fromIterable(this.directory.consulates()).concatMap(consulate -> {
			LocalDate today = LocalDate.now(this.clock.withZone(consulate.timeZone()));
			return generate(consulate, today, today.plusWeeks(this.properties.generationWeeks()));
		}).reduce(0L, Long::sum);
	}

	/** Generates one post's slots from {@code from} to {@code to}, both inclusive. */
	Mono<Long> generate(Consulate consulate, LocalDate from, LocalDate to) {
		OpeningHours hours = this.directory.openingHours(consulate.code());
		List<ConsularService> services = List.copyOf(this.directory.services());
		List<LocalDate> holidays = PublicHolidays.between(from, to).stream().map(PublicHolidays.Holiday::date).toList();
		return this.slots.generate(new SlotRepository.SlotPlan(consulate.code(), consulate.timeZone(), hours.opens(),
				(int) Duration.between(hours.opens(), hours.closes()).toMinutes(), this.properties.slotCapacity(), from, to,
				services.stream().map(ConsularService::code).toList(),
				services.stream().map(ConsularService::appointmentMinutes).toList(),
				hours.days().stream().map(DayOfWeek::getValue).sorted().toList(), holidays));
	}

}
