package ma.moncompte.accounts.internal;

import java.time.Duration;
import java.util.UUID;

import ma.moncompte.support.SecureTokens;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The mailed single-use links: email confirmation, password reset and email change. Only SHA-256 digests of the tokens
 * are stored; spending one is a single conditional UPDATE, so a link works once even when clicked twice
 * at the same moment.
 */
@Component
class AccountTokens {

	private final DatabaseClient db;

	AccountTokens(DatabaseClient db) {
		this.db = db;
	}

	record EmailChange(UUID accountId, String oldEmail, String newEmail) {
	}

	Mono<String> issuePasswordReset(UUID accountId, Duration ttl) {
		return issue("password_reset_tokens", accountId, ttl);
	}

	/** An email confirmation link; {@link AccountRepository#spendVerificationToken} spends it. */
	Mono<String> issueVerification(UUID accountId, Duration ttl) {
		return issue("email_verification_tokens", accountId, ttl);
	}

	/** Inserts the digest of a fresh token; only the returned token itself goes into the mail. */
	private Mono<String> issue(String table, UUID accountId, Duration ttl) {
		String token = SecureTokens.newToken();
		return this.db.sql("INSERT INTO " + table + " (token_hash, account_id, expires_at)"
				+ " VALUES (:hash, :account, now() + make_interval(secs => :ttl))")
			.bind("hash", SecureTokens.sha256(token))
			.bind("account", accountId)
			.bind("ttl", (double) ttl.toSeconds())
			.then()
			.thenReturn(token);
	}

	/** The account a live reset token belongs to, without spending it. */
	Mono<UUID> passwordResetAccount(String token) {
		return this.db.sql("""
				SELECT t.account_id FROM password_reset_tokens t JOIN accounts a ON a.id = t.account_id
				WHERE t.token_hash = :hash AND t.used_at IS NULL AND t.expires_at > now() AND a.closed_at IS NULL""")
			.bind("hash", SecureTokens.sha256(token))
			.map((row, meta) -> row.get("account_id", UUID.class))
			.one();
	}

	/** Spends the token and every other live reset token of its account; emits the account id. */
	Mono<UUID> spendPasswordReset(String token) {
		return this.db.sql("""
				WITH spent AS (
				    UPDATE password_reset_tokens SET used_at = now()
				    WHERE token_hash = :hash AND used_at IS NULL AND expires_at > now()
				    RETURNING account_id),
				others AS (
				    UPDATE password_reset_tokens t SET used_at = now() FROM spent
				    WHERE t.account_id = spent.account_id AND t.used_at IS NULL AND t.token_hash <> :hash
				    RETURNING t.token_hash)
				SELECT account_id FROM spent""")
			.bind("hash", SecureTokens.sha256(token))
			.map((row, meta) -> row.get("account_id", UUID.class))
			.one();
	}

	Mono<String> issueEmailChange(UUID accountId, String newEmail, Duration ttl) {
		String token = SecureTokens.newToken();
		// A new request replaces any earlier one: only the latest link can change the address.
		return this.db.sql("UPDATE email_change_requests SET used_at = now() WHERE account_id = :account AND used_at IS NULL")
			.bind("account", accountId)
			.then()
			.then(this.db.sql("""
					INSERT INTO email_change_requests (token_hash, account_id, new_email, expires_at)
					VALUES (:hash, :account, :email, now() + make_interval(secs => :ttl))""")
				.bind("hash", SecureTokens.sha256(token))
				.bind("account", accountId)
				.bind("email", newEmail)
				.bind("ttl", (double) ttl.toSeconds())
				.then())
			.thenReturn(token);
	}

	Mono<String> pendingEmail(UUID accountId) {
		return this.db.sql("""
				SELECT new_email FROM email_change_requests
				WHERE account_id = :account AND used_at IS NULL AND expires_at > now()
				ORDER BY created_at DESC LIMIT 1""")
			.bind("account", accountId)
			.map((row, meta) -> row.get("new_email", String.class))
			.one();
	}

	/**
	 * Spends the token and moves the account to the new address in one statement; the old address is
	 * read from the same snapshot. Fails with a unique violation if another account took the address
	 * meanwhile (the caller's transaction then gives the token back).
	 */
	Mono<EmailChange> applyEmailChange(String token) {
		return this.db.sql("""
				WITH spent AS (
				    UPDATE email_change_requests SET used_at = now()
				    WHERE token_hash = :hash AND used_at IS NULL AND expires_at > now()
				    RETURNING account_id, new_email),
				old AS (SELECT a.id, a.email FROM accounts a JOIN spent ON a.id = spent.account_id WHERE a.closed_at IS NULL)
				UPDATE accounts SET email = spent.new_email, updated_at = now() FROM spent, old
				WHERE accounts.id = spent.account_id AND old.id = accounts.id
				RETURNING accounts.id, old.email AS old_email, accounts.email AS new_email""")
			.bind("hash", SecureTokens.sha256(token))
			.map((row, meta) -> new EmailChange(row.get("id", UUID.class), row.get("old_email", String.class),
					row.get("new_email", String.class)))
			.one();
	}

}
