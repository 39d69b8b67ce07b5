package ma.moncompte.accounts.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.r2dbc.spi.Parameters;
import io.r2dbc.spi.R2dbcType;
import ma.moncompte.notifications.Mailer;
import ma.moncompte.support.ApiProblem;
import ma.moncompte.support.SecureTokens;

import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Signing in: the password, then, for accounts with two-factor authentication, a code exchanged for the
 * session against a short-lived single-use challenge. Every attempt at either step is throttled per
 * account and per client IP before any secret is checked.
 */
@Component
class Logins {

	/** Wrong codes one challenge tolerates before the password must be given again. */
	static final int CHALLENGE_ATTEMPTS = 5;

	private final AccountRepository accounts;

	private final Passwords passwords;

	private final Sessions sessions;

	private final Throttling throttling;

	private final TwoFactor twoFactor;

	private final ActivityLog activity;

	private final AccountMails mails;

	private final Mailer mailer;

	private final DatabaseClient db;

	private final TransactionalOperator transactions;

	private final AccountsProperties properties;

	private final ThrottleProperties throttle;

	Logins(AccountRepository accounts, Passwords passwords, Sessions sessions, Throttling throttling,
			TwoFactor twoFactor, ActivityLog activity, AccountMails mails, Mailer mailer, DatabaseClient db,
			TransactionalOperator transactions, AccountsProperties properties, ThrottleProperties throttle) {
		this.accounts = accounts;
		this.passwords = passwords;
		this.sessions = sessions;
		this.throttling = throttling;
		this.twoFactor = twoFactor;
		this.activity = activity;
		this.mails = mails;
		this.mailer = mailer;
		this.db = db;
		this.transactions = transactions;
		this.properties = properties;
		this.throttle = throttle;
	}

	/** The outcome of the password step: a session, or a challenge awaiting the second factor. */
	record Outcome(Sessions.IssuedSession session, Challenge challenge) {
	}

	record Challenge(String token, Instant expiresAt) {
	}

	Mono<Outcome> withPassword(String rawEmail, String password, ClientInfo client) {
		String email = Registrations.normalizeEmail(rawEmail);
		List<Throttling.Counter> counters = List.of(this.throttling.loginAccount(email), this.throttling.loginIp(client));
		return this.throttling.attempt(counters)
			.flatMap(failures -> this.accounts.findByEmail(email)
				.map(Optional::of)
				.defaultIfEmpty(Optional.empty())
				.flatMap(account -> this.passwords.matches(password, account.map(Account::passwordHash).orElse(null))
					.flatMap(matches -> matches ? passwordAccepted(account.get(), counters, client)
							: this.throttling.failed(counters)
								.then(failed(account, failures.get(Throttling.LOGIN_ACCOUNT), Map.of("factor", "password"), client))
								.then(Mono.error(invalidCredentials())))));
	}

	Mono<Sessions.IssuedSession> withSecondFactor(String challengeToken, String code, ClientInfo client) {
		return liveChallenge(challengeToken)
			.switchIfEmpty(Mono.error(Logins::invalidChallenge))
			.flatMap(account -> {
				List<Throttling.Counter> counters = List.of(this.throttling.loginAccount(account.email()),
						this.throttling.loginIp(client));
				return this.throttling.attempt(counters)
					.flatMap(failures -> this.twoFactor.verify(account.id(), code)
						.flatMap(factor -> spendChallenge(challengeToken)
							.switchIfEmpty(Mono.error(Logins::invalidChallenge))
							.then(this.throttling.succeeded(counters))
							.then(factor == TwoFactor.Factor.RECOVERY_CODE
									? this.activity.record(account.id(), ActivityLog.RECOVERY_CODE_USED, client)
									: Mono.empty())
							.then(openSession(account, client, Map.of("twoFactor", factor.name()))))
						.switchIfEmpty(Mono.defer(() -> countChallengeFailure(challengeToken)
							.then(this.throttling.failed(counters))
							.then(failed(Optional.of(account), failures.get(Throttling.LOGIN_ACCOUNT),
									Map.of("factor", "second"), client))
							.then(Mono.error(Logins::invalidCode)))));
			});
	}

	private Mono<Outcome> passwordAccepted(Account account, List<Throttling.Counter> counters, ClientInfo client) {
		if (!account.verified()) {
			return this.throttling.succeeded(counters)
				.then(Mono.error(new ApiProblem(HttpStatus.FORBIDDEN, "email-not-verified", "Email not confirmed",
						"Confirm your email address with the link we sent before signing in.")));
		}
		return this.throttling.succeeded(counters)
			.then(this.twoFactor.enabled(account.id()))
			.flatMap(twoFactorOn -> twoFactorOn
					? issueChallenge(account.id(), client).map(challenge -> new Outcome(null, challenge))
					: openSession(account, client, Map.of()).map(session -> new Outcome(session, null)));
	}

	private Mono<Sessions.IssuedSession> openSession(Account account, ClientInfo client, Map<String, ?> details) {
		return this.sessions.open(account.id(), client)
			.flatMap(session -> this.activity.record(account.id(), ActivityLog.LOGIN_SUCCEEDED, client, details)
				.thenReturn(session))
			.as(this.transactions::transactional);
	}

	/** Records a failure the owner can review; the failure that starts a block also warns the owner by mail. */
	private Mono<Void> failed(Optional<Account> account, Integer accountFailures, Map<String, ?> details,
			ClientInfo client) {
		if (account.isEmpty()) {
			return Mono.empty();
		}
		Mono<Void> recorded = this.activity.record(account.get().id(), ActivityLog.LOGIN_FAILED, client, details);
		if (accountFailures == null || accountFailures != this.throttle.accountFailureThreshold()) {
			return recorded;
		}
		return recorded.then(this.activity.record(account.get().id(), ActivityLog.LOGIN_THROTTLED, client))
			.then(this.mailer.enqueue(this.mails.throttled(account.get())))
			.as(this.transactions::transactional);
	}

	private Mono<Challenge> issueChallenge(UUID accountId, ClientInfo client) {
		String token = SecureTokens.newToken();
		return this.db.sql("""
				INSERT INTO login_challenges (token_hash, account_id, expires_at, user_agent, ip_address)
				VALUES (:hash, :account, now() + make_interval(secs => :ttl), :agent, :ip)
				RETURNING expires_at""")
			.bind("hash", SecureTokens.sha256(token))
			.bind("account", accountId)
			.bind("ttl", (double) this.properties.loginChallengeTtl().toSeconds())
			.bind("agent", Parameters.in(R2dbcType.VARCHAR, client.userAgent()))
			.bind("ip", Parameters.in(R2dbcType.VARCHAR, client.ipAddress()))
			.map((row, meta) -> new Challenge(token, row.get("expires_at", OffsetDateTime.class).toInstant()))
			.one();
	}

	private Mono<Account> liveChallenge(String token) {
		return this.db.sql("""
				SELECT account_id FROM login_challenges
				WHERE token_hash = :hash AND used_at IS NULL AND expires_at > now() AND attempts < :max""")
			.bind("hash", SecureTokens.sha256(token))
			.bind("max", CHALLENGE_ATTEMPTS)
			.map((row, meta) -> row.get("account_id", UUID.class))
			.one()
			.flatMap(this.accounts::findById);
	}

	private Mono<UUID> spendChallenge(String token) {
		return this.db.sql("""
				UPDATE login_challenges SET used_at = now()
				WHERE token_hash = :hash AND used_at IS NULL AND expires_at > now() RETURNING account_id""")
			.bind("hash", SecureTokens.sha256(token))
			.map((row, meta) -> row.get("account_id", UUID.class))
			.one();
	}

	private Mono<Void> countChallengeFailure(String token) {
		return this.db.sql("UPDATE login_challenges SET attempts = attempts + 1 WHERE token_hash = :hash")
			.bind("hash", SecureTokens.sha256(token))
			.then();
	}

	static ApiProblem invalidCredentials() {
		return new ApiProblem(HttpStatus.UNAUTHORIZED, "invalid-credentials", "Invalid credentials",
				"The email address or the password is wrong.");
	}

	private static ApiProblem invalidCode() {
		return new ApiProblem(HttpStatus.UNAUTHORIZED, "invalid-code", "Invalid code",
				"The code is wrong, expired or was already used.");
	}

	private static ApiProblem invalidChallenge() {
		return new ApiProblem(HttpStatus.UNAUTHORIZED, "invalid-login-challenge", "Sign-in expired",
				"This sign-in step is unknown, used or expired; start again with your password.");
	}

}
