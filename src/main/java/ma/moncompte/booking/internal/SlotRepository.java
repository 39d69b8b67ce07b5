package ma.moncompte.booking.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Component
class SlotRepository {

	private final DatabaseClient db;

	SlotRepository(DatabaseClient db) {
		this.db = db;
	}

	Flux<Slot> open(String consulateCode, String serviceCode, Instant from, Instant to) {
		return this.db.sql("""
				SELECT %s FROM slots
				WHERE consulate_code = :consulate AND service_code = :service
				  AND starts_at >= :from AND starts_at < :to AND starts_at > now() AND NOT closed
				ORDER BY starts_at""".formatted(Slot.COLUMNS))
			.bind("consulate", consulateCode)
			.bind("service", serviceCode)
			.bind("from", from)
			.bind("to", to)
			.map(Slot::from)
			.all();
	}

	/** Emits nothing when the post already has a slot for that service at that instant. */
	Mono<Slot> create(String consulateCode, String serviceCode, Instant startsAt, Instant endsAt, int capacity) {
		return this.db.sql("""
				INSERT INTO slots (consulate_code, service_code, starts_at, ends_at, capacity)
				VALUES (:consulate, :service, :start, :end, :capacity)
				ON CONFLICT (consulate_code, service_code, starts_at) DO NOTHING
				RETURNING %s""".formatted(Slot.COLUMNS))
			.bind("consulate", consulateCode)
			.bind("service", serviceCode)
			.bind("start", startsAt)
			.bind("end", endsAt)
			.bind("capacity", capacity)
			.map(Slot::from)
			.one();
	}

	/** Records a closure; emits false if the day was already closed. */
	Mono<Boolean> addClosure(String consulateCode, LocalDate day, String reason, UUID agentId) {
		return this.db.sql("""
				INSERT INTO closures (consulate_code, day, reason, created_by) VALUES (:consulate, :day, :reason, :agent)
				ON CONFLICT DO NOTHING""")
			.bind("consulate", consulateCode)
			.bind("day", day)
			.bind("reason", reason)
			.bind("agent", agentId)
			.fetch()
			.rowsUpdated()
			.map(rows -> rows == 1);
	}

	Mono<Long> closeSlots(String consulateCode, Instant from, Instant to) {
		return this.db.sql("""
				UPDATE slots SET closed = true
				WHERE consulate_code = :consulate AND starts_at >= :from AND starts_at < :to AND NOT closed""")
			.bind("consulate", consulateCode)
			.bind("from", from)
			.bind("to", to)
			.fetch()
			.rowsUpdated();
	}

	Flux<Closure> closures(String consulateCode, LocalDate from) {
		return this.db.sql("SELECT day, reason FROM closures WHERE consulate_code = :consulate AND day >= :from ORDER BY day")
			.bind("consulate", consulateCode)
			.bind("from", from)
			.map((row, meta) -> new Closure(row.get("day", LocalDate.class), row.get("reason", String.class)))
			.all();
	}

	record Closure(LocalDate date, String reason) {
	}

	/**
	 * Generates a post's slots for every service over [from, to], in one statement. Local opening
	 * times are resolved to instants by PostgreSQL in the post's zone, so DST is handled by the same tz
	 * database that stores them. Existing slots are left alone, which makes the job idempotent.
	 */
	Mono<Long> generate(SlotPlan plan) {
		return this.db.sql("""
				INSERT INTO slots (consulate_code, service_code, starts_at, ends_at, capacity)
				SELECT :consulate, svc.code,
				       (d.day + CAST(:opens AS time) + make_interval(mins => n * svc.minutes)) AT TIME ZONE :zone,
				       (d.day + CAST(:opens AS time) + make_interval(mins => (n + 1) * svc.minutes)) AT TIME ZONE :zone,
				       :capacity
				FROM (SELECT CAST(g AS date) AS day
				      FROM generate_series(CAST(:from AS date), CAST(:to AS date), interval '1 day') AS g) AS d
				CROSS JOIN unnest(CAST(:codes AS text[]), CAST(:minutes AS int[])) AS svc(code, minutes)
				CROSS JOIN LATERAL generate_series(0, :openMinutes / svc.minutes - 1) AS n
				WHERE EXTRACT(ISODOW FROM d.day) = ANY(CAST(:days AS int[]))
				  AND d.day <> ALL(CAST(:excluded AS date[]))
				  AND NOT EXISTS (SELECT 1 FROM closures c WHERE c.consulate_code = :consulate AND c.day = d.day)
				ON CONFLICT (consulate_code, service_code, starts_at) DO NOTHING""")
			.bind("consulate", plan.consulateCode())
			.bind("zone", plan.zone().getId())
			.bind("opens", plan.opens().toString())
			.bind("openMinutes", plan.openMinutes())
			.bind("capacity", plan.capacity())
			.bind("from", plan.from().toString())
			.bind("to", plan.to().toString())
			.bind("codes", plan.serviceCodes().toArray(String[]::new))
			.bind("minutes", plan.serviceMinutes().toArray(Integer[]::new))
			.bind("days", plan.isoDays().toArray(Integer[]::new))
			.bind("excluded", plan.excludedDays().stream().map(LocalDate::toString).toArray(String[]::new))
			.fetch()
			.rowsUpdated();
	}

	record SlotPlan(String consulateCode, ZoneId zone, LocalTime opens, int openMinutes, int capacity, LocalDate from,
			LocalDate to, List<String> serviceCodes, List<Integer> serviceMinutes, List<Integer> isoDays,
			List<LocalDate> excludedDays) {
	}

}
