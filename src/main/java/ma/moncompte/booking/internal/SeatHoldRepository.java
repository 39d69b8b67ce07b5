package ma.moncompte.booking.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import ma.moncompte.support.SecureTokens;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Seat holds, each taken, confirmed or given back in one statement together with its slot's counter. */
@Component
class SeatHoldRepository {

	private static final String COLUMNS = "id, account_id, slot_id, consulate_code, service_code, starts_at, ends_at, status, expires_at";

	private final DatabaseClient db;

	SeatHoldRepository(DatabaseClient db) {
		this.db = db;
	}

	record Hold(UUID id, UUID accountId, UUID slotId, String consulateCode, String serviceCode, Instant startsAt,
			Instant endsAt, String status, Instant expiresAt) {

		static Hold from(Readable row) {
			return new Hold(row.get("id", UUID.class), row.get("account_id", UUID.class), row.get("slot_id", UUID.class),
					row.get("consulate_code", String.class), row.get("service_code", String.class),
					row.get("starts_at", OffsetDateTime.class).toInstant(),
					row.get("ends_at", OffsetDateTime.class).toInstant(), row.get("status", String.class),
					row.get("expires_at", OffsetDateTime.class).toInstant());
		}

	}

	/** Takes a seat for the hold, under the same conditions as a booking; emits nothing when refused. */
	Mono<Hold> hold(UUID accountId, UUID slotId, String consulateCode, String serviceCode, Instant until) {
		return this.db.sql("""
				WITH seat AS (
				    UPDATE slots s SET booked = s.booked + 1
				    WHERE s.id = :slot AND s.consulate_code = :consulate AND s.service_code = :service
				      AND s.booked < s.capacity AND NOT s.closed AND s.starts_at > now()
				    RETURNING s.id, s.consulate_code, s.service_code, s.starts_at, s.ends_at)
				INSERT INTO seat_holds (account_id, slot_id, consulate_code, service_code, starts_at, ends_at, status, expires_at)
				SELECT :account, id, consulate_code, service_code, starts_at, ends_at, 'HELD',
				       LEAST(CAST(:until AS timestamptz), starts_at)
				FROM seat
				RETURNING %s""".formatted(COLUMNS))
			.bind("slot", slotId)
			.bind("consulate", consulateCode)
			.bind("service", serviceCode)
			.bind("account", accountId)
			.bind("until", until)
			.map(Hold::from)
			.one();
	}

	enum HoldRefusal {

		MISMATCH, UNAVAILABLE, FULL

	}

	/** Why {@link #hold} took no seat; emits nothing for an unknown slot. */
	Mono<HoldRefusal> whyNoHold(UUID slotId, String consulateCode, String serviceCode) {
		return this.db.sql("""
				SELECT consulate_code = :consulate AND service_code = :service AS matches,
				       closed OR starts_at <= now() AS unavailable
				FROM slots WHERE id = :slot""")
			.bind("slot", slotId)
			.bind("consulate", consulateCode)
			.bind("service", serviceCode)
			.map((row, meta) -> !Boolean.TRUE.equals(row.get("matches", Boolean.class)) ? HoldRefusal.MISMATCH
					: Boolean.TRUE.equals(row.get("unavailable", Boolean.class)) ? HoldRefusal.UNAVAILABLE
							: HoldRefusal.FULL)
			.one();
	}

	/**
	 * Turns a live hold into a booked appointment in one statement: the seat is already counted in the
	 * slot, so nothing else changes. Emits nothing when the hold is not the citizen's, not held any more,
	 * expired, or its day was closed.
	 */
	Mono<Appointment> confirm(UUID holdId, UUID accountId) {
		return this.db.sql("""
				WITH hold AS (
				    UPDATE seat_holds h SET status = 'CONFIRMED', appointment_id = CAST(:appointment AS uuid), updated_at = now()
				    FROM slots s
				    WHERE h.id = :hold AND h.account_id = :account AND h.status = 'HELD' AND h.expires_at > now()
				      AND s.id = h.slot_id AND NOT s.closed
				    RETURNING h.account_id, h.slot_id, h.consulate_code, h.service_code, h.starts_at, h.ends_at)
				INSERT INTO appointments (id, reference, account_id, slot_id, consulate_code, service_code, starts_at, ends_at, status)
				SELECT CAST(:appointment AS uuid), :reference, account_id, slot_id, consulate_code, service_code, starts_at, ends_at, 'BOOKED'
				FROM hold
				RETURNING %s""".formatted(Appointment.COLUMNS))
			.bind("hold", holdId)
			.bind("account", accountId)
			.bind("appointment", UUID.randomUUID().toString())
			.bind("reference", SecureTokens.reference("RDV"))
			.map(Appointment::from)
			.one();
	}

	Mono<Hold> find(UUID holdId, UUID accountId) {
		return this.db.sql("SELECT " + COLUMNS + " FROM seat_holds WHERE id = :hold AND account_id = :account")
			.bind("hold", holdId)
			.bind("account", accountId)
			.map(Hold::from)
			.one();
	}

	/** Gives the seat of a hold that is still held back to its slot; emits whether it did. */
	Mono<Boolean> release(UUID holdId) {
		return this.db.sql("""
				WITH released AS (
				    UPDATE seat_holds SET status = 'RELEASED', updated_at = now()
				    WHERE id = :hold AND status = 'HELD'
				    RETURNING slot_id),
				freed AS (
				    UPDATE slots SET booked = slots.booked - 1 FROM released WHERE slots.id = released.slot_id)
				SELECT count(*) AS released FROM released""")
			.bind("hold", holdId)
			.map((row, meta) -> row.get("released", Long.class) > 0)
			.one();
	}

	/** Ends a batch of expired holds and gives their seats back; emits how many. */
	Mono<Long> expireDue(int batch) {
		return this.db.sql("""
				WITH expired AS (
				    UPDATE seat_holds SET status = 'EXPIRED', updated_at = now()
				    WHERE id IN (SELECT id FROM seat_holds WHERE status = 'HELD' AND expires_at <= now()
				                 ORDER BY expires_at LIMIT :batch FOR UPDATE SKIP LOCKED)
				    RETURNING slot_id),
				freed AS (
				    UPDATE slots SET booked = slots.booked - n.seats
				    FROM (SELECT slot_id, count(*) AS seats FROM expired GROUP BY slot_id) n
				    WHERE slots.id = n.slot_id)
				SELECT count(*) AS expired FROM expired""")
			.bind("batch", batch)
			.map((row, meta) -> row.get("expired", Long.class))
			.one();
	}

}
