package ma.moncompte.streams;

import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Appends to the single event log that is both the outbox (the relay publishes it to Kafka) and the
 * history that live streams replay from.
 * <p>
 * Call it inside the transaction that makes the change, as the last write of that transaction: the row
 * then commits or rolls back with the change. Appends for one citizen are serialized by a transaction
 * lock, so that citizen's event ids increase in commit order and a reader resuming after id N never
 * misses a row that commits later with a smaller id.
 */
@Component
public class EventLog {

	/** Advisory-lock class for per-citizen event ordering. */
	private static final int STREAM_LOCK_CLASS = 1;

	private final DatabaseClient db;

	private final JsonMapper json;

	public EventLog(DatabaseClient db, JsonMapper json) {
		this.db = db;
		this.json = json;
	}

	public Mono<StatusEvent> append(UUID accountId, String type, Object payload) {
		String document = this.json.writeValueAsString(payload);
		return this.db.sql("""
				INSERT INTO event_log (account_id, type, payload)
				SELECT :account, :type, CAST(:payload AS jsonb)
				FROM (SELECT pg_advisory_xact_lock(:lockClass, hashtext(CAST(:account AS text)))) AS serialized
				RETURNING id, occurred_at""")
			.bind("account", accountId)
			.bind("type", type)
			.bind("payload", document)
			.bind("lockClass", STREAM_LOCK_CLASS)
			.map((row, meta) -> new StatusEvent(row.get("id", Long.class), accountId, type,
					row.get("occurred_at", java.time.OffsetDateTime.class).toInstant(), document))
			.one();
	}

}
