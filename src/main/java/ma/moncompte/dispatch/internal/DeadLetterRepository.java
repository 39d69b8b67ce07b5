package ma.moncompte.dispatch.internal;

import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Collectors;

import io.r2dbc.spi.Parameters;
import io.r2dbc.spi.R2dbcType;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Component
class DeadLetterRepository {

	private final DatabaseClient db;

	DeadLetterRepository(DatabaseClient db) {
		this.db = db;
	}

	/** A parked letter, and the reference of the post's shipment it now matches, if any. */
	record Listed(DeadLetter letter, String shipmentReference) {
	}

	Mono<UUID> park(String courierCode, String webhookId, CourierUpdate update) {
		return this.db.sql("""
				INSERT INTO courier_dead_letters (courier_code, webhook_id, tracking_number, status, occurred_at, location, message)
				VALUES (:courier, :webhookId, :tracking, :status, :occurredAt, :location, :message)
				RETURNING id""")
			.bind("courier", courierCode)
			.bind("webhookId", webhookId)
			.bind("tracking", update.trackingNumber())
			.bind("status", update.status().name())
			.bind("occurredAt", update.occurredAt())
			.bind("location", Parameters.in(R2dbcType.VARCHAR, update.location()))
			.bind("message", Parameters.in(R2dbcType.VARCHAR, update.message()))
			.map((row, meta) -> row.get("id", UUID.class))
			.one();
	}

	/**
	 * What a post's agents see: letters that still match no shipment at all (they may be the post's
	 * shipment not entered yet) and letters matching one of the post's own shipments, newest first.
	 * Letters for another post's shipments are that post's business.
	 */
	Flux<Listed> pendingFor(String consulateCode, int limit) {
		return this.db.sql("""
				SELECT %s, s.reference AS shipment_reference
				FROM courier_dead_letters d
				LEFT JOIN shipments s ON s.courier_code = d.courier_code AND s.tracking_number = d.tracking_number
				WHERE d.replayed_at IS NULL AND (s.id IS NULL OR s.consulate_code = :consulate)
				ORDER BY d.received_at DESC, d.id LIMIT :limit""".formatted(prefixed()))
			.bind("consulate", consulateCode)
			.bind("limit", limit)
			.map((row, meta) -> new Listed(DeadLetter.from(row), row.get("shipment_reference", String.class)))
			.all();
	}

	Mono<DeadLetter> findById(UUID id) {
		return this.db.sql("SELECT %s FROM courier_dead_letters WHERE id = :id".formatted(DeadLetter.COLUMNS))
			.bind("id", id)
			.map(DeadLetter::from)
			.one();
	}

	/** Marks the letter replayed, once: emits nothing when it already was. */
	Mono<DeadLetter> claimReplay(UUID id, UUID shipmentId, UUID agentId) {
		return this.db.sql("""
				UPDATE courier_dead_letters SET replayed_at = now(), replayed_by = :agent, shipment_id = :shipment
				WHERE id = :id AND replayed_at IS NULL
				RETURNING %s""".formatted(DeadLetter.COLUMNS))
			.bind("id", id)
			.bind("agent", agentId)
			.bind("shipment", shipmentId)
			.map(DeadLetter::from)
			.one();
	}

	private static String prefixed() {
		return Arrays.stream(DeadLetter.COLUMNS.split(", ")).map(c -> "d." + c)
			.collect(Collectors.joining(", "));
	}

}
