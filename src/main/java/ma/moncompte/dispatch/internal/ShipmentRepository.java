package ma.moncompte.dispatch.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.r2dbc.spi.Parameters;
import io.r2dbc.spi.R2dbcType;
import ma.moncompte.dispatch.ShipmentStatus;
import ma.moncompte.support.SecureTokens;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Component
class ShipmentRepository {

	/** The vocabulary in declaration order: {@code array_position} in it breaks ties of equal instants. */
	private static final String[] STATUS_ORDER = Arrays.stream(ShipmentStatus.values())
		.map(ShipmentStatus::name)
		.toArray(String[]::new);

	private final DatabaseClient db;

	ShipmentRepository(DatabaseClient db) {
		this.db = db;
	}

	record NewShipment(String consulateCode, UUID accountId, String recipientEmail, String courierCode,
			String trackingNumber, String description, UUID serviceRequestId, UUID createdBy) {
	}

	/**
	 * Records the shipment and its first checkpoint, LABEL_CREATED, in one statement. Emits nothing when
	 * the courier's tracking number is already used by another shipment.
	 */
	Mono<Shipment> create(NewShipment shipment) {
		return this.db.sql("""
				WITH created AS (
				    INSERT INTO shipments (reference, consulate_code, account_id, recipient_email, courier_code,
				                           tracking_number, description, service_request_id, status, created_by)
				    VALUES (:reference, :consulate, :account, :email, :courier, :tracking, :description, CAST(:request AS uuid),
				            'LABEL_CREATED', :agent)
				    ON CONFLICT (courier_code, tracking_number) DO NOTHING
				    RETURNING %1$s),
				label AS (
				    INSERT INTO shipment_checkpoints (shipment_id, status, occurred_at, source)
				    SELECT id, status, created_at, 'CONSULATE' FROM created)
				SELECT %1$s FROM created""".formatted(Shipment.COLUMNS))
			.bind("reference", SecureTokens.reference("EXP"))
			.bind("consulate", shipment.consulateCode())
			.bind("account", shipment.accountId())
			.bind("email", shipment.recipientEmail())
			.bind("courier", shipment.courierCode())
			.bind("tracking", shipment.trackingNumber())
			.bind("description", shipment.description())
			.bind("request", Parameters.in(R2dbcType.VARCHAR, shipment.serviceRequestId() == null ? null
					: shipment.serviceRequestId().toString()))
			.bind("agent", shipment.createdBy())
			.map(Shipment::from)
			.one();
	}

	/** Locks the shipment for the rest of the transaction, so its updates apply one after another. */
	Mono<Shipment> lockByTracking(String courierCode, String trackingNumber) {
		return this.db.sql("SELECT %s FROM shipments WHERE courier_code = :courier AND tracking_number = :tracking FOR UPDATE"
			.formatted(Shipment.COLUMNS))
			.bind("courier", courierCode)
			.bind("tracking", trackingNumber)
			.map(Shipment::from)
			.one();
	}

	Mono<Shipment> findByTracking(String courierCode, String trackingNumber) {
		return this.db.sql("SELECT %s FROM shipments WHERE courier_code = :courier AND tracking_number = :tracking"
			.formatted(Shipment.COLUMNS))
			.bind("courier", courierCode)
			.bind("tracking", trackingNumber)
			.map(Shipment::from)
			.one();
	}

	Mono<Shipment> findByReference(String reference) {
		return this.db.sql("SELECT %s FROM shipments WHERE reference = :reference".formatted(Shipment.COLUMNS))
			.bind("reference", reference)
			.map(Shipment::from)
			.one();
	}

	Flux<Shipment> findByAccount(UUID accountId) {
		return this.db.sql("SELECT %s FROM shipments WHERE account_id = :account ORDER BY created_at DESC, id"
			.formatted(Shipment.COLUMNS))
			.bind("account", accountId)
			.map(Shipment::from)
			.all();
	}

	/** A post's shipments, most recently updated first; every status when {@code statuses} is empty. */
	Flux<Shipment> findByConsulate(String consulateCode, List<ShipmentStatus> statuses, int limit) {
		return this.db.sql("""
				SELECT %s FROM shipments
				WHERE consulate_code = :consulate
				  AND (cardinality(CAST(:statuses AS text[])) = 0 OR status = ANY(CAST(:statuses AS text[])))
				ORDER BY updated_at DESC, id LIMIT :limit""".formatted(Shipment.COLUMNS))
			.bind("consulate", consulateCode)
			.bind("statuses", statuses.stream().map(ShipmentStatus::name).toArray(String[]::new))
			.bind("limit", limit)
			.map(Shipment::from)
			.all();
	}

	/** The history in the order things happened; arrival order breaks ties. */
	Flux<Checkpoint> timeline(UUID shipmentId) {
		return this.db.sql("SELECT %s FROM shipment_checkpoints WHERE shipment_id = :shipment ORDER BY occurred_at, id"
			.formatted(Checkpoint.COLUMNS))
			.bind("shipment", shipmentId)
			.map(Checkpoint::from)
			.all();
	}

	/**
	 * Adds a courier checkpoint and, in the same statement, makes it the current status only if it
	 * happened after the checkpoint that set the current one (the vocabulary order breaks exact ties).
	 * The consulate's own LABEL_CREATED is superseded by any courier report. A late, older report so only
	 * joins the history. Emits the new status when it moved, empty otherwise.
	 * <p>
	 * Callers hold the shipment's row lock ({@link #lockByTracking}); the condition is evaluated by
	 * PostgreSQL on the latest row all the same.
	 */
	Mono<Optional<ShipmentStatus>> recordCheckpoint(UUID shipmentId, CourierUpdate update, String webhookId) {
		return this.db.sql("""
				WITH checkpoint AS (
				    INSERT INTO shipment_checkpoints (shipment_id, status, occurred_at, location, message, source, webhook_id)
				    VALUES (:shipment, :status, :occurredAt, :location, :message, 'COURIER', :webhookId)
				    RETURNING shipment_id, status, occurred_at),
				moved AS (
				    UPDATE shipments s SET status = c.status, status_occurred_at = c.occurred_at, updated_at = now()
				    FROM checkpoint c
				    WHERE s.id = c.shipment_id
				      AND (s.status_occurred_at IS NULL
				           OR (s.status_occurred_at, array_position(CAST(:order AS text[]), s.status))
				              < (c.occurred_at, array_position(CAST(:order AS text[]), c.status)))
				    RETURNING s.status)
				SELECT (SELECT status FROM moved) AS moved_to FROM checkpoint""")
			.bind("shipment", shipmentId)
			.bind("status", update.status().name())
			.bind("occurredAt", update.occurredAt())
			.bind("location", Parameters.in(R2dbcType.VARCHAR, update.location()))
			.bind("message", Parameters.in(R2dbcType.VARCHAR, update.message()))
			.bind("webhookId", webhookId)
			.bind("order", STATUS_ORDER)
			.map((row, meta) -> Optional.ofNullable(row.get("moved_to", String.class)).map(ShipmentStatus::valueOf))
			.one();
	}

}
