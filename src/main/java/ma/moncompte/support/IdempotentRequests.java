package ma.moncompte.support;

import java.util.UUID;
import java.util.function.Supplier;

import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Runs a request at most once per {@code Idempotency-Key} and account, and replays the first answer to
 * every retry. Must run inside the caller's transaction: the key row is inserted first, so a concurrent
 * retry blocks on PostgreSQL's unique index until the first attempt commits, then reads its answer.
 * If the first attempt fails unexpectedly its transaction rolls back and the key is free again.
 */
@Component
public class IdempotentRequests {

	private static final int MAX_KEY_LENGTH = 255;

	private final DatabaseClient db;

	public IdempotentRequests(DatabaseClient db) {
		this.db = db;
	}

	public Mono<StoredResponse> once(UUID accountId, String scope, String key, String fingerprint,
			Supplier<Mono<StoredResponse>> action) {
		validate(key);
		return claim(accountId, scope, key, fingerprint).flatMap(claimed -> claimed
				? action.get().flatMap(response -> remember(accountId, scope, key, response))
				: replay(accountId, scope, key, fingerprint));
	}

	private static void validate(String key) {
		if (key.isBlank() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
			throw ApiProblem.badRequest("invalid-idempotency-key", "Invalid Idempotency-Key",
					"The Idempotency-Key header must be 1 to 255 visible ASCII characters.");
		}
	}

	private Mono<Boolean> claim(UUID accountId, String scope, String key, String fingerprint) {
		return this.db.sql("""
				INSERT INTO idempotency_keys (account_id, scope, idem_key, fingerprint)
				VALUES (:account, :scope, :key, :fingerprint)
				ON CONFLICT DO NOTHING""")
			.bind("account", accountId)
			.bind("scope", scope)
			.bind("key", key)
			.bind("fingerprint", fingerprint)
			.fetch()
			.rowsUpdated()
			.map(rows -> rows == 1);
	}

	private Mono<StoredResponse> remember(UUID accountId, String scope, String key, StoredResponse response) {
		return this.db.sql("""
				UPDATE idempotency_keys SET status = :status, content_type = :contentType, body = :body
				WHERE account_id = :account AND scope = :scope AND idem_key = :key""")
			.bind("status", response.status())
			.bind("contentType", response.contentType())
			.bind("body", response.body())
			.bind("account", accountId)
			.bind("scope", scope)
			.bind("key", key)
			.fetch()
			.rowsUpdated()
			.thenReturn(response);
	}

	private Mono<StoredResponse> replay(UUID accountId, String scope, String key, String fingerprint) {
		return this.db.sql("""
				SELECT fingerprint, status, content_type, body FROM idempotency_keys
				WHERE account_id = :account AND scope = :scope AND idem_key = :key""")
			.bind("account", accountId)
			.bind("scope", scope)
			.bind("key", key)
			.map((row, meta) -> new Stored(row.get("fingerprint", String.class), row.get("status", Integer.class),
					row.get("content_type", String.class), row.get("body", String.class)))
			.one()
			.map(stored -> stored.answerFor(fingerprint));
	}

	/** A finished answer, kept verbatim so a replay is byte-for-byte the original. */
	public record StoredResponse(int status, String contentType, String body) {
	}

	private record Stored(String fingerprint, Integer status, String contentType, String body) {

		StoredResponse answerFor(String requestFingerprint) {
			if (!this.fingerprint.equals(requestFingerprint)) {
				throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "idempotency-key-reused",
						"Idempotency-Key reused", "This Idempotency-Key was already used for a different request.");
			}
			if (this.status == null) {
				throw ApiProblem.conflict("request-in-progress", "Request in progress",
						"The first request with this Idempotency-Key is still being processed.");
			}
			return new StoredResponse(this.status, this.contentType, this.body);
		}

	}

}
