package ma.moncompte.booking.internal;

import java.time.Instant;
import java.util.UUID;

import ma.moncompte.booking.AppointmentStatus;
import io.r2dbc.spi.Parameters;
import io.r2dbc.spi.R2dbcType;
import ma.moncompte.support.SecureTokens;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Component
class AppointmentRepository {

	/** Advisory-lock class serializing one citizen's bookings, so "one active per service" holds. */
	private static final int CITIZEN_BOOKING_LOCK_CLASS = 3;

	private static final String ACTIVE = "('BOOKED', 'CHECKED_IN')";

	private final DatabaseClient db;

	AppointmentRepository(DatabaseClient db) {
		this.db = db;
	}

	Mono<Void> lockCitizen(UUID accountId) {
		return this.db.sql("SELECT pg_advisory_xact_lock(:lockClass, hashtext(CAST(:account AS text)))")
			.bind("lockClass", CITIZEN_BOOKING_LOCK_CLASS)
			.bind("account", accountId)
			.fetch()
			.rowsUpdated()
			.then();
	}

	/**
	 * Takes a seat and records the appointment in one statement: the seat is taken only if the slot is
	 * open, in the future, not full, and the citizen holds no active appointment for that service.
	 * Emits nothing when any of these fails.
	 */
	Mono<Appointment> takeSeat(UUID accountId, UUID slotId) {
		return this.db.sql("""
				WITH seat AS (
				    UPDATE slots s SET booked = s.booked + 1
				    WHERE s.id = :slot AND s.booked < s.capacity AND NOT s.closed AND s.starts_at > now()
				      AND NOT EXISTS (SELECT 1 FROM appointments a
				                      WHERE a.account_id = :account AND a.service_code = s.service_code
				                        AND a.status IN %s AND a.ends_at > now())
				    RETURNING s.id, s.consulate_code, s.service_code, s.starts_at, s.ends_at)
				INSERT INTO appointments (reference, account_id, slot_id, consulate_code, service_code, starts_at, ends_at, status)
				SELECT :reference, :account, id, consulate_code, service_code, starts_at, ends_at, 'BOOKED' FROM seat
				RETURNING %s""".formatted(ACTIVE, Appointment.COLUMNS))
			.bind("slot", slotId)
			.bind("account", accountId)
			.bind("reference", SecureTokens.reference("RDV"))
			.map(Appointment::from)
			.one();
	}

	/** Why {@link #takeSeat} found no seat; emits nothing for an unknown slot. */
	Mono<SeatRefusal> whyNoSeat(UUID accountId, UUID slotId) {
		return this.db.sql("""
				SELECT s.closed OR s.starts_at <= now() AS unavailable,
				       EXISTS (SELECT 1 FROM appointments a
				               WHERE a.account_id = :account AND a.service_code = s.service_code
				                 AND a.status IN %s AND a.ends_at > now()) AS already_booked
				FROM slots s WHERE s.id = :slot""".formatted(ACTIVE))
			.bind("slot", slotId)
			.bind("account", accountId)
			.map((row, meta) -> Boolean.TRUE.equals(row.get("unavailable", Boolean.class)) ? SeatRefusal.UNAVAILABLE
					: Boolean.TRUE.equals(row.get("already_booked", Boolean.class)) ? SeatRefusal.ALREADY_BOOKED
							: SeatRefusal.FULL)
			.one();
	}

	enum SeatRefusal {

		UNAVAILABLE, ALREADY_BOOKED, FULL

	}

	/**
	 * Moves an appointment from {@code from} to {@code to} in one statement, returning the seat to its
	 * slot when {@code to} frees it. Emits nothing if the appointment is not in {@code from} (any more).
	 * @param accountId restricts to the citizen's own appointment; {@code null} for agents
	 * @param consulateCode restricts to the agent's post; {@code null} for citizens
	 */
	Mono<Appointment> transition(UUID appointmentId, UUID accountId, String consulateCode, AppointmentStatus from,
			AppointmentStatus to, boolean onlyFuture) {
		return this.db.sql("""
				WITH changed AS (
				    UPDATE appointments SET status = :to, updated_at = now()
				    WHERE id = :id AND status = :from
				      AND (CAST(:account AS uuid) IS NULL OR account_id = CAST(:account AS uuid))
				      AND (CAST(:consulate AS text) IS NULL OR consulate_code = CAST(:consulate AS text))
				      AND (NOT :onlyFuture OR starts_at > now())
				    RETURNING %s),
				freed AS (
				    UPDATE slots SET booked = booked - 1 FROM changed
				    WHERE :returnsSeat AND slots.id = changed.slot_id)
				SELECT * FROM changed""".formatted(Appointment.COLUMNS))
			.bind("id", appointmentId)
			.bind("from", from.name())
			.bind("to", to.name())
			.bind("account", Parameters.in(R2dbcType.VARCHAR, accountId == null ? null : accountId.toString()))
			.bind("consulate", Parameters.in(R2dbcType.VARCHAR, consulateCode))
			.bind("onlyFuture", onlyFuture)
			.bind("returnsSeat", to.returnsSeat())
			.map(Appointment::from)
			.one();
	}

	Mono<Appointment> findById(UUID id) {
		return this.db.sql("SELECT " + Appointment.COLUMNS + " FROM appointments WHERE id = :id")
			.bind("id", id)
			.map(Appointment::from)
			.one();
	}

	Flux<Appointment> findByAccount(UUID accountId) {
		return this.db.sql("SELECT " + Appointment.COLUMNS + " FROM appointments WHERE account_id = :account ORDER BY starts_at DESC")
			.bind("account", accountId)
			.map(Appointment::from)
			.all();
	}

	Flux<Appointment> findByConsulate(String consulateCode, Instant from, Instant to) {
		return this.db.sql("""
				SELECT %s FROM appointments
				WHERE consulate_code = :consulate AND starts_at >= :from AND starts_at < :to
				ORDER BY starts_at, reference""".formatted(Appointment.COLUMNS))
			.bind("consulate", consulateCode)
			.bind("from", from)
			.bind("to", to)
			.map(Appointment::from)
			.all();
	}

	/** Cancels the booked appointments of a post's day that was just closed. */
	Flux<Appointment> cancelForClosure(String consulateCode, Instant from, Instant to) {
		return this.db.sql("""
				WITH changed AS (
				    UPDATE appointments SET status = 'CANCELLED_BY_CONSULATE', updated_at = now()
				    WHERE consulate_code = :consulate AND starts_at >= :from AND starts_at < :to AND status = 'BOOKED'
				    RETURNING %s),
				freed AS (
				    UPDATE slots SET booked = slots.booked - n.seats
				    FROM (SELECT slot_id, count(*) AS seats FROM changed GROUP BY slot_id) n
				    WHERE slots.id = n.slot_id)
				SELECT * FROM changed ORDER BY account_id""".formatted(Appointment.COLUMNS))
			.bind("consulate", consulateCode)
			.bind("from", from)
			.bind("to", to)
			.map(Appointment::from)
			.all();
	}

}
