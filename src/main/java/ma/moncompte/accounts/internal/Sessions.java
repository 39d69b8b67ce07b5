package ma.moncompte.accounts.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import ma.moncompte.accounts.CurrentUser;
import ma.moncompte.accounts.Role;
import ma.moncompte.support.SecureTokens;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Server-side sessions: opaque 256-bit tokens, stored as SHA-256 digests in PostgreSQL, so every
 * instance accepts them and revocation takes effect everywhere at once.
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

	Mono<IssuedSession> open(UUID accountId, String userAgent, String ipAddress) {
		String token = SecureTokens.newToken();
		return this.db.sql("""
				INSERT INTO sessions (account_id, token_hash, expires_at, user_agent, ip_address)
				VALUES (:account, :hash, now() + make_interval(secs => :ttl), :agent, :ip)
				RETURNING id, expires_at""")
			.bind("account", accountId)
			.bind("hash", SecureTokens.sha256(token))
			.bind("ttl", (double) this.properties.sessionTtl().toSeconds())
			.bind("agent", io.r2dbc.spi.Parameters.in(io.r2dbc.spi.R2dbcType.VARCHAR, truncate(userAgent, 512)))
			.bind("ip", io.r2dbc.spi.Parameters.in(io.r2dbc.spi.R2dbcType.VARCHAR, ipAddress))
			.map((row, meta) -> new IssuedSession(row.get("id", UUID.class), token,
					row.get("expires_at", OffsetDateTime.class).toInstant()))
			.one();
	}

	Mono<CurrentUser> resolve(String token) {
		return this.db.sql("""
				SELECT s.id AS session_id, a.id, a.email, a.preferred_language, a.roles, a.consulate_code
				FROM sessions s JOIN accounts a ON a.id = s.account_id
				WHERE s.token_hash = :hash AND s.revoked_at IS NULL AND s.expires_at > now()
				  AND a.verified_at IS NOT NULL""")
			.bind("hash", SecureTokens.sha256(token))
			.map((row, meta) -> new CurrentUser(row.get("id", UUID.class), row.get("session_id", UUID.class),
					row.get("email", String.class), row.get("preferred_language", String.class),
					roles(row.get("roles", String[].class)), row.get("consulate_code", String.class)))
			.one();
	}

	Mono<Void> revoke(UUID sessionId) {
		return this.db.sql("UPDATE sessions SET revoked_at = now() WHERE id = :id AND revoked_at IS NULL")
			.bind("id", sessionId)
			.then();
	}

	private static Set<Role> roles(String[] names) {
		return names == null ? Set.of() : Arrays.stream(names).map(Role::valueOf).collect(Collectors.toSet());
	}

	private static String truncate(String value, int max) {
		return value == null || value.length() <= max ? value : value.substring(0, max);
	}

}
