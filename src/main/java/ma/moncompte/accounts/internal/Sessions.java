package ma.moncompte.accounts.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.r2dbc.spi.Parameters;
import io.r2dbc.spi.R2dbcType;
import ma.moncompte.accounts.CurrentUser;
import ma.moncompte.accounts.Role;
import ma.moncompte.support.SecureTokens;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Server-side sessions: opaque 256-bit tokens, stored as SHA-256 digests in PostgreSQL, so every
 * instance accepts them and revocation takes effect everywhere at once. A session ends at its absolute
 * expiry, after an idle timeout, or when revoked.
 */
@Component
class Sessions {

	private final DatabaseClient db;

	private final AccountsProperties properties;

	Sessions(DatabaseClient db, AccountsProperties properties) {
		this.db = db;
		this.properties = properties;
	}

	record IssuedSession(UUID id, String token, Instant expiresAt) {
	}

	record SessionView(UUID id, Instant createdAt, Instant lastSeenAt, Instant expiresAt, String userAgent,
			String ipAddress, boolean current) {
	}

	Mono<IssuedSession> open(UUID accountId, ClientInfo client) {
		String token = SecureTokens.newToken();
		return this.db.sql("""
				INSERT INTO sessions (account_id, token_hash, expires_at, user_agent, ip_address)
				VALUES (:account, :hash, now() + make_interval(secs => :ttl), :agent, :ip)
				RETURNING id, expires_at""")
			.bind("account", accountId)
			.bind("hash", SecureTokens.sha256(token))
			.bind("ttl", (double) this.properties.sessionTtl().toSeconds())
			.bind("agent", Parameters.in(R2dbcType.VARCHAR, client.userAgent()))
			.bind("ip", Parameters.in(R2dbcType.VARCHAR, client.ipAddress()))
			.map((row, meta) -> new IssuedSession(row.get("id", UUID.class), token,
					row.get("expires_at", OffsetDateTime.class).toInstant()))
			.one();
	}

	/**
	 * The session's user, if the session is alive. The same statement refreshes last_seen_at, but only
	 * when it is older than the touch interval: an active session costs one write per interval, not one
	 * per request.
	 */
	Mono<CurrentUser> resolve(String token) {
		return this.db.sql("""
				WITH live AS (
				    SELECT s.id AS session_id, a.id, a.email, a.preferred_language, a.roles, a.consulate_code,
				           s.last_seen_at
				    FROM sessions s JOIN accounts a ON a.id = s.account_id
				    WHERE s.token_hash = :hash AND s.revoked_at IS NULL AND s.expires_at > now()
				      AND s.last_seen_at > now() - make_interval(secs => :idle)
				      AND a.verified_at IS NOT NULL AND a.closed_at IS NULL),
				touched AS (
				    UPDATE sessions SET last_seen_at = now() FROM live
				    WHERE sessions.id = live.session_id AND live.last_seen_at < now() - make_interval(secs => :touch)
				    RETURNING sessions.id)
				SELECT * FROM live""")
			.bind("hash", SecureTokens.sha256(token))
			.bind("idle", (double) this.properties.sessionIdleTimeout().toSeconds())
			.bind("touch", (double) this.properties.sessionTouchInterval().toSeconds())
			.map((row, meta) -> new CurrentUser(row.get("id", UUID.class), row.get("session_id", UUID.class),
					row.get("email", String.class), row.get("preferred_language", String.class),
					roles(row.get("roles", String[].class)), row.get("consulate_code", String.class)))
			.one();
	}

	/** The account's live sessions, newest first. */
	Flux<SessionView> list(UUID accountId, UUID currentSessionId) {
		return this.db.sql("""
				SELECT id, created_at, last_seen_at, expires_at, user_agent, ip_address FROM sessions
				WHERE account_id = :account AND revoked_at IS NULL AND expires_at > now()
				  AND last_seen_at > now() - make_interval(secs => :idle)
				ORDER BY created_at DESC""")
			.bind("account", accountId)
			.bind("idle", (double) this.properties.sessionIdleTimeout().toSeconds())
			.map((row, meta) -> new SessionView(row.get("id", UUID.class),
					row.get("created_at", OffsetDateTime.class).toInstant(),
					row.get("last_seen_at", OffsetDateTime.class).toInstant(),
					row.get("expires_at", OffsetDateTime.class).toInstant(), row.get("user_agent", String.class),
					row.get("ip_address", String.class), row.get("id", UUID.class).equals(currentSessionId)))
			.all();
	}

	/**
	 * Emits once the session is no longer alive, checking every {@code interval}. Each check also counts
	 * as activity, so an open event stream keeps its session from idling out.
	 */
	Mono<Boolean> ended(UUID sessionId, java.time.Duration interval) {
		return Flux.interval(interval)
			.concatMap(tick -> this.db.sql("""
					UPDATE sessions SET last_seen_at = now()
					WHERE id = :id AND revoked_at IS NULL AND expires_at > now() RETURNING id""")
				.bind("id", sessionId)
				.map((row, meta) -> row.get("id", UUID.class))
				.one()
				.hasElement()
				// A failed check (database briefly away) does not end the stream.
				.onErrorReturn(true))
			.filter(alive -> !alive)
			.next();
	}

	Mono<Void> revoke(UUID sessionId) {
		return this.db.sql("UPDATE sessions SET revoked_at = now() WHERE id = :id AND revoked_at IS NULL")
			.bind("id", sessionId)
			.then();
	}

	/** Revokes one of the account's own live sessions; emits false when it has no such session. */
	Mono<Boolean> revokeOwn(UUID accountId, UUID sessionId) {
		return this.db.sql("""
				UPDATE sessions SET revoked_at = now()
				WHERE id = :id AND account_id = :account AND revoked_at IS NULL AND expires_at > now()""")
			.bind("id", sessionId)
			.bind("account", accountId)
			.fetch()
			.rowsUpdated()
			.map(rows -> rows > 0);
	}

	/** Revokes every live session of the account except {@code keep} (null: all of them); emits how many. */
	Mono<Long> revokeAllExcept(UUID accountId, UUID keep) {
		return this.db.sql("""
				UPDATE sessions SET revoked_at = now()
				WHERE account_id = :account AND revoked_at IS NULL AND id IS DISTINCT FROM CAST(:keep AS uuid)""")
			.bind("account", accountId)
			.bind("keep", Parameters.in(R2dbcType.VARCHAR, keep == null ? null : keep.toString()))
			.fetch()
			.rowsUpdated();
	}

	private static Set<Role> roles(String[] names) {
		return names == null ? Set.of() : Arrays.stream(names).map(Role::valueOf).collect(Collectors.toSet());
	}

}
