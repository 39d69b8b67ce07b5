package ma.moncompte.accounts.internal;

import java.util.UUID;

import ma.moncompte.accounts.ActiveSessions;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

@Component
class ActiveSessionsQuery implements ActiveSessions {

	private final DatabaseClient db;

	ActiveSessionsQuery(DatabaseClient db) {
		this.db = db;
	}

	@Override
	public Mono<Boolean> isActive(UUID sessionId) {
		return this.db.sql("SELECT 1 FROM sessions WHERE id = :id AND revoked_at IS NULL AND expires_at > now()")
			.bind("id", sessionId)
			.map((row, meta) -> true)
			.one()
			.defaultIfEmpty(false);
	}

}
