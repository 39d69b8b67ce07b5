package ma.moncompte.accounts.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import io.r2dbc.spi.Parameters;
import io.r2dbc.spi.R2dbcType;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The account's security history as its owner sees it. The table is append-only (a trigger refuses
 * updates and deletes); closing an account is the one declared exception, see {@link #eraseWithinTransaction}.
 */
@Component
class ActivityLog {

	static final String LOGIN_SUCCEEDED = "login.succeeded";

	static final String LOGIN_FAILED = "login.failed";

	static final String LOGIN_THROTTLED = "login.throttled";

	static final String PASSWORD_CHANGED = "password.changed";

	static final String PASSWORD_RESET = "password.reset";

	static final String EMAIL_CHANGE_REQUESTED = "email.change-requested";

	static final String EMAIL_CHANGED = "email.changed";

	static final String TWO_FACTOR_ENABLED = "2fa.enabled";

	static final String TWO_FACTOR_DISABLED = "2fa.disabled";

	static final String RECOVERY_CODE_USED = "2fa.recovery-code-used";

	static final String RECOVERY_CODES_RENEWED = "2fa.recovery-codes-renewed";

	static final String SESSION_REVOKED = "session.revoked";

	static final String OTHER_SESSIONS_REVOKED = "session.others-revoked";

	static final String LOGOUT = "logout";

	static final String PROFILE_UPDATED = "profile.updated";

	static final String DATA_EXPORTED = "data.exported";

	static final String ACCOUNT_CLOSED = "account.closed";

	private final DatabaseClient db;

	private final JsonMapper json;

	ActivityLog(DatabaseClient db, JsonMapper json) {
		this.db = db;
		this.json = json;
	}

	record Entry(long id, String type, Instant occurredAt, String ipAddress, String userAgent, Map<String, Object> details) {
	}

	Mono<Void> record(UUID accountId, String type, ClientInfo client) {
		return record(accountId, type, client, Map.of());
	}

	Mono<Void> record(UUID accountId, String type, ClientInfo client, Map<String, ?> details) {
		return this.db.sql("""
				INSERT INTO account_activity (account_id, type, ip_address, user_agent, details)
				VALUES (:account, :type, :ip, :agent, CAST(:details AS jsonb))""")
			.bind("account", accountId)
			.bind("type", type)
			.bind("ip", Parameters.in(R2dbcType.VARCHAR, client.ipAddress()))
			.bind("agent", Parameters.in(R2dbcType.VARCHAR, client.userAgent()))
			.bind("details", this.json.writeValueAsString(details))
			.then();
	}

	/** Newest first; {@code beforeId} pages back. */
	Flux<Entry> recent(UUID accountId, Long beforeId, int limit) {
		return this.db.sql("""
				SELECT id, type, occurred_at, ip_address, user_agent, CAST(details AS text) AS details
				FROM account_activity WHERE account_id = :account AND id < :before
				ORDER BY id DESC LIMIT :limit""")
			.bind("account", accountId)
			.bind("before", beforeId == null ? Long.MAX_VALUE : beforeId)
			.bind("limit", limit)
			.map((row, meta) -> new Entry(row.get("id", Long.class), row.get("type", String.class),
					row.get("occurred_at", OffsetDateTime.class).toInstant(), row.get("ip_address", String.class),
					row.get("user_agent", String.class), details(row.get("details", String.class))))
			.all();
	}

	/**
	 * Erases an account's history; only for closing the account. The transaction declares the erasure
	 * ({@code SET LOCAL}), which is the only way past the append-only trigger, and ends with it.
	 */
	Mono<Long> eraseWithinTransaction(UUID accountId) {
		return this.db.sql("SELECT set_config('moncompte.erasure', 'on', true)")
			.then()
			.then(this.db.sql("DELETE FROM account_activity WHERE account_id = :account")
				.bind("account", accountId)
				.fetch()
				.rowsUpdated())
			.flatMap(erased -> this.db.sql("SELECT set_config('moncompte.erasure', 'off', true)").then().thenReturn(erased));
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> details(String document) {
		return document == null ? Map.of() : this.json.readValue(document, Map.class);
	}

}
