package ma.moncompte.requests.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.r2dbc.spi.Parameters;
import io.r2dbc.spi.R2dbcType;
import io.r2dbc.spi.Readable;
import ma.moncompte.requests.RequestStatus;
import ma.moncompte.support.SecureTokens;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Component
class ServiceRequestRepository {

	private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
	};

	private static final String EDITABLE = "('DRAFT', 'ADDITIONAL_INFO_REQUIRED')";

	private final DatabaseClient db;

	private final JsonMapper json;

	ServiceRequestRepository(DatabaseClient db, JsonMapper json) {
		this.db = db;
		this.json = json;
	}

	/** The columns of a request, each qualified by {@code alias} (needed where other tables join in). */
	static String columns(String alias) {
		return String.join(", ",
				List.of("id", "reference", "account_id", "consulate_code", "type_code", "status",
						"CAST(%sfields AS text) AS fields", "fee_minor", "currency", "status_message", "seat_hold_id",
						"offered_start", "offered_end", "offer_expires_at", "appointment_id", "appointment_reference",
						"created_at", "updated_at", "submitted_at", "completed_at")
					.stream()
					.map(column -> column.contains("%s") ? column.formatted(alias) : alias + column)
					.toList());
	}

	Mono<ServiceRequest> insertDraft(UUID accountId, String consulateCode, String typeCode, Map<String, Object> fields) {
		return this.db.sql("""
				INSERT INTO service_requests (reference, account_id, consulate_code, type_code, status, fields)
				VALUES (:reference, :account, :consulate, :type, 'DRAFT', jsonb_strip_nulls(CAST(:fields AS jsonb)))
				RETURNING %s""".formatted(columns("")))
			.bind("reference", SecureTokens.reference("DEM"))
			.bind("account", accountId)
			.bind("consulate", consulateCode)
			.bind("type", typeCode)
			.bind("fields", this.json.writeValueAsString(fields))
			.map(this::toRequest)
			.one();
	}

	Mono<ServiceRequest> findById(UUID id) {
		return this.db.sql("SELECT " + columns("") + " FROM service_requests WHERE id = :id")
			.bind("id", id)
			.map(this::toRequest)
			.one();
	}

	Flux<ServiceRequest> findByAccount(UUID accountId) {
		return this.db.sql("SELECT " + columns("") + " FROM service_requests WHERE account_id = :account ORDER BY created_at DESC, id")
			.bind("account", accountId)
			.map(this::toRequest)
			.all();
	}

	/**
	 * Merges the patch into the form in one statement ({@code null} removes a field), only while the
	 * citizen may edit; emits nothing otherwise.
	 */
	Mono<ServiceRequest> patchFields(UUID id, UUID accountId, Map<String, Object> patch) {
		return this.db.sql("""
				UPDATE service_requests SET fields = jsonb_strip_nulls(fields || CAST(:patch AS jsonb)), updated_at = now()
				WHERE id = :id AND account_id = :account AND status IN %s
				RETURNING %s""".formatted(EDITABLE, columns("")))
			.bind("patch", this.json.writeValueAsString(patch))
			.bind("id", id)
			.bind("account", accountId)
			.map(this::toRequest)
			.one();
	}

	/** A request and the status it was in before the transition that returned it. */
	record Transitioned(ServiceRequest request, RequestStatus previousStatus, UUID previousHoldId) {
	}

	/**
	 * Applies a transition in one statement: the status moves only from one of the allowed sources (under
	 * the row lock), only within the caller's scope, and only when the preconditions hold; the history
	 * row is written by the same statement. Emits nothing when the transition does not apply.
	 */
	Mono<Transitioned> transition(TransitionCommand command) {
		return this.db.sql("""
				WITH previous AS (
				    SELECT id, status, seat_hold_id FROM service_requests
				    WHERE id = :id
				      AND (CAST(:account AS uuid) IS NULL OR account_id = CAST(:account AS uuid))
				      AND (CAST(:consulate AS text) IS NULL OR consulate_code = CAST(:consulate AS text))
				    FOR UPDATE),
				changed AS (
				    UPDATE service_requests r SET
				        status = :to,
				        updated_at = now(),
				        status_message = CAST(:message AS text),
				        submitted_at = CASE WHEN :to = 'SUBMITTED' THEN now() ELSE r.submitted_at END,
				        completed_at = CASE WHEN :terminal THEN now() ELSE r.completed_at END,
				        fee_minor = COALESCE(CAST(:fee AS bigint), r.fee_minor),
				        currency = COALESCE(CAST(:currency AS text), r.currency),
				        seat_hold_id = CASE WHEN :offer THEN CAST(:hold AS uuid) ELSE r.seat_hold_id END,
				        offered_start = CASE WHEN :offer THEN CAST(:offeredStart AS timestamptz) ELSE r.offered_start END,
				        offered_end = CASE WHEN :offer THEN CAST(:offeredEnd AS timestamptz) ELSE r.offered_end END,
				        offer_expires_at = CASE WHEN :offer THEN CAST(:offerExpires AS timestamptz) ELSE r.offer_expires_at END
				    FROM previous p
				    WHERE r.id = p.id AND p.status = ANY(CAST(:from AS text[]))
				      AND NOT EXISTS (SELECT 1 FROM unnest(CAST(:requiredFields AS text[])) AS f(name)
				                      WHERE r.fields -> f.name IS NULL)
				      AND NOT EXISTS (SELECT 1 FROM unnest(CAST(:requiredDocuments AS text[])) AS k(kind)
				                      WHERE NOT EXISTS (SELECT 1 FROM request_documents d
				                                        WHERE d.request_id = r.id AND d.kind = k.kind))
				      AND (NOT :noAppointment OR r.appointment_id IS NULL)
				    RETURNING %s, p.status AS previous_status, p.seat_hold_id AS previous_hold_id),
				history AS (
				    INSERT INTO service_request_history (request_id, from_status, to_status, actor_id, actor_role, message)
				    SELECT id, previous_status, :to, CAST(:actor AS uuid), :role, CAST(:message AS text) FROM changed)
				SELECT * FROM changed""".formatted(columns("r.")))
			.bind("id", command.requestId())
			.bind("account", text(command.accountScope() == null ? null : command.accountScope().toString()))
			.bind("consulate", text(command.consulateScope()))
			.bind("to", command.to().name())
			.bind("terminal", command.to().isTerminal())
			.bind("message", text(command.message()))
			.bind("fee", Parameters.in(R2dbcType.BIGINT, command.fee() == null ? null : command.fee().amountMinor()))
			.bind("currency", text(command.fee() == null ? null : command.fee().currency()))
			.bind("offer", command.offer() != null)
			.bind("hold", text(command.offer() == null ? null : command.offer().holdId().toString()))
			.bind("offeredStart", text(command.offer() == null ? null : command.offer().start().toString()))
			.bind("offeredEnd", text(command.offer() == null ? null : command.offer().end().toString()))
			.bind("offerExpires", text(command.offer() == null ? null : command.offer().expiresAt().toString()))
			.bind("from", command.from().stream().map(Enum::name).toArray(String[]::new))
			.bind("requiredFields", command.requiredFields().toArray(String[]::new))
			.bind("requiredDocuments", command.requiredDocuments().toArray(String[]::new))
			.bind("noAppointment", command.requireNoAppointment())
			.bind("actor", text(command.actorId() == null ? null : command.actorId().toString()))
			.bind("role", command.actor().name())
			.map(row -> new Transitioned(toRequest(row), RequestStatus.valueOf(row.get("previous_status", String.class)),
					row.get("previous_hold_id", UUID.class)))
			.one();
	}

	/** Records the appointment booked in the offered seat, once, while the offer stands. */
	Mono<ServiceRequest> attachAppointment(UUID id, UUID accountId, UUID holdId, UUID appointmentId, String reference) {
		return this.db.sql("""
				UPDATE service_requests SET appointment_id = :appointment, appointment_reference = :reference, updated_at = now()
				WHERE id = :id AND account_id = :account AND status = 'APPOINTMENT_OFFERED'
				  AND seat_hold_id = :hold AND appointment_id IS NULL
				RETURNING %s""".formatted(columns("")))
			.bind("appointment", appointmentId)
			.bind("reference", reference)
			.bind("id", id)
			.bind("account", accountId)
			.bind("hold", holdId)
			.map(this::toRequest)
			.one();
	}

	record HistoryEntry(RequestStatus from, RequestStatus to, String actor, String message, Instant at) {
	}

	Flux<HistoryEntry> history(UUID requestId) {
		return this.db.sql("""
				SELECT from_status, to_status, actor_role, message, occurred_at FROM service_request_history
				WHERE request_id = :id ORDER BY id""")
			.bind("id", requestId)
			.map((row, meta) -> {
				String from = row.get("from_status", String.class);
				return new HistoryEntry(from == null ? null : RequestStatus.valueOf(from),
						RequestStatus.valueOf(row.get("to_status", String.class)), row.get("actor_role", String.class),
						row.get("message", String.class), row.get("occurred_at", OffsetDateTime.class).toInstant());
			})
			.all();
	}

	record QueueFilter(String consulateCode, RequestStatus status, String typeCode) {
	}

	/** A post's requests past the draft stage, oldest submission first. */
	Flux<ServiceRequest> queue(QueueFilter filter, int limit, long offset) {
		return this.db.sql("""
				SELECT %s FROM service_requests
				WHERE consulate_code = :consulate AND status <> 'DRAFT'
				  AND (CAST(:status AS text) IS NULL OR status = CAST(:status AS text))
				  AND (CAST(:type AS text) IS NULL OR type_code = CAST(:type AS text))
				ORDER BY submitted_at, created_at, id
				LIMIT :limit OFFSET :offset""".formatted(columns("")))
			.bind("consulate", filter.consulateCode())
			.bind("status", text(filter.status() == null ? null : filter.status().name()))
			.bind("type", text(filter.typeCode()))
			.bind("limit", limit)
			.bind("offset", offset)
			.map(this::toRequest)
			.all();
	}

	Mono<Long> countQueue(QueueFilter filter) {
		return this.db.sql("""
				SELECT count(*) AS total FROM service_requests
				WHERE consulate_code = :consulate AND status <> 'DRAFT'
				  AND (CAST(:status AS text) IS NULL OR status = CAST(:status AS text))
				  AND (CAST(:type AS text) IS NULL OR type_code = CAST(:type AS text))""")
			.bind("consulate", filter.consulateCode())
			.bind("status", text(filter.status() == null ? null : filter.status().name()))
			.bind("type", text(filter.typeCode()))
			.map((row, meta) -> row.get("total", Long.class))
			.one();
	}

	private static io.r2dbc.spi.Parameter text(String value) {
		return Parameters.in(R2dbcType.VARCHAR, value);
	}

	private ServiceRequest toRequest(Readable row) {
		String fields = row.get("fields", String.class);
		return new ServiceRequest(row.get("id", UUID.class), row.get("reference", String.class),
				row.get("account_id", UUID.class), row.get("consulate_code", String.class),
				row.get("type_code", String.class), RequestStatus.valueOf(row.get("status", String.class)),
				fields == null ? Map.of() : this.json.readValue(fields, MAP), row.get("fee_minor", Long.class),
				row.get("currency", String.class), row.get("status_message", String.class),
				row.get("seat_hold_id", UUID.class), instant(row, "offered_start"), instant(row, "offered_end"),
				instant(row, "offer_expires_at"), row.get("appointment_id", UUID.class),
				row.get("appointment_reference", String.class), instant(row, "created_at"), instant(row, "updated_at"),
				instant(row, "submitted_at"), instant(row, "completed_at"));
	}

	private static Instant instant(Readable row, String column) {
		OffsetDateTime time = row.get(column, OffsetDateTime.class);
		return time == null ? null : time.toInstant();
	}

}
