package ma.moncompte.streams.internal;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import ma.moncompte.streams.StatusEvent;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Component
class EventLogReader {

	private final DatabaseClient db;

	EventLogReader(DatabaseClient db) {
		this.db = db;
	}

	Flux<StatusEvent> after(UUID accountId, long lastEventId) {
		return this.db.sql("""
				SELECT id, account_id, type, occurred_at, payload::text AS payload FROM event_log
				WHERE account_id = :account AND id > :last ORDER BY id""")
			.bind("account", accountId)
			.bind("last", lastEventId)
			.map(EventLogReader::toEvent)
			.all();
	}

	Mono<Long> latestId(UUID accountId) {
		return this.db.sql("SELECT COALESCE(max(id), 0) AS latest FROM event_log WHERE account_id = :account")
			.bind("account", accountId)
			.map((row, meta) -> row.get("latest", Long.class))
			.one();
	}

	/** The oldest unpublished events, locked so a concurrent relay transaction cannot take them too. */
	Flux<StatusEvent> unpublished(int limit) {
		return this.db.sql("""
				SELECT id, account_id, type, occurred_at, payload::text AS payload FROM event_log
				WHERE published_at IS NULL ORDER BY id LIMIT :limit FOR UPDATE""")
			.bind("limit", limit)
			.map(EventLogReader::toEvent)
			.all();
	}

	Mono<Long> markPublished(List<Long> ids) {
		return this.db.sql("UPDATE event_log SET published_at = now() WHERE id = ANY(:ids)")
			.bind("ids", ids.toArray(Long[]::new))
			.fetch()
			.rowsUpdated();
	}

	Mono<Double> oldestUnpublishedAgeSeconds() {
		return this.db.sql("""
				SELECT COALESCE(EXTRACT(EPOCH FROM now() - MIN(occurred_at)), 0)::float8 AS lag
				FROM event_log WHERE published_at IS NULL""")
			.map((row, meta) -> row.get("lag", Double.class))
			.one();
	}

	private static StatusEvent toEvent(Readable row) {
		return new StatusEvent(row.get("id", Long.class), row.get("account_id", UUID.class),
				row.get("type", String.class), row.get("occurred_at", OffsetDateTime.class).toInstant(),
				row.get("payload", String.class));
	}

}
