package ma.moncompte.accounts.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import ma.moncompte.support.ApiProblem;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Failed-authentication throttling, with its counters in PostgreSQL so that every instance agrees.
 * <p>
 * An attempt is counted <em>before</em> the secret is checked, in one atomic upsert per counter that
 * refuses while the subject is blocked, or while it has reached the threshold and an attempt is still
 * being checked: a burst of parallel guesses therefore gets exactly as many checks as the threshold
 * allows, however many instances it is spread over. A success gives the attempt back; a failure from the
 * threshold on blocks the subject for {@code baseDelay * 2^(failures - threshold)}, at most
 * {@code maxDelay}, counted from that failure. A counter left quiet for {@code failureMemory} starts over.
 */
@Component
class Throttling {

	static final String LOGIN_ACCOUNT = "login-account";

	static final String LOGIN_IP = "login-ip";

	static final String REAUTHENTICATION = "reauth";

	private final DatabaseClient db;

	private final TransactionalOperator transactions;

	private final ThrottleProperties properties;

	Throttling(DatabaseClient db, TransactionalOperator transactions, ThrottleProperties properties) {
		this.db = db;
		this.transactions = transactions;
		this.properties = properties;
	}

	/** One failure counter: what is counted, and after how many failures delays start. */
	record Counter(String scope, String subject, int threshold) {
	}

	Counter loginAccount(String normalizedEmail) {
		return new Counter(LOGIN_ACCOUNT, normalizedEmail.toLowerCase(Locale.ROOT), this.properties.accountFailureThreshold());
	}

	Counter loginIp(ClientInfo client) {
		return new Counter(LOGIN_IP, client.ipOrUnknown(), this.properties.ipFailureThreshold());
	}

	Counter reauthentication(java.util.UUID accountId) {
		return new Counter(REAUTHENTICATION, accountId.toString(), this.properties.accountFailureThreshold());
	}

	/**
	 * Counts an attempt on every counter, or on none: emits the counters' failure counts (this attempt
	 * included), or fails with 429 when any of them is blocked.
	 */
	Mono<Map<String, Integer>> attempt(List<Counter> counters) {
		return Flux.fromIterable(counters)
			.concatMap(counter -> count(counter).map(failures -> Map.entry(counter.scope(), failures))
				.switchIfEmpty(Mono.defer(() -> blockedUntil(counter).flatMap(until -> Mono.error(tooManyAttempts(until))))))
			.collectMap(Map.Entry::getKey, Map.Entry::getValue)
			.as(this.transactions::transactional);
	}

	/** The attempt turned out right: the account starts over, the IP gets this attempt back. */
	Mono<Void> succeeded(List<Counter> counters) {
		return Flux.fromIterable(counters).concatMap(counter -> counter.scope().equals(LOGIN_IP)
				? this.db.sql("""
						UPDATE auth_failures SET failures = GREATEST(failures - 1, 0), pending = GREATEST(pending - 1, 0)
						WHERE scope = :scope AND subject = :subject""")
					.bind("scope", counter.scope())
					.bind("subject", counter.subject())
					.then()
				: this.db.sql("DELETE FROM auth_failures WHERE scope = :scope AND subject = :subject")
					.bind("scope", counter.scope())
					.bind("subject", counter.subject())
					.then())
			.then();
	}

	/** The attempt was wrong: from the threshold on, the delay starts now. */
	Mono<Void> failed(List<Counter> counters) {
		return Flux.fromIterable(counters)
			.concatMap(counter -> this.db.sql("""
					UPDATE auth_failures SET pending = GREATEST(pending - 1, 0), last_failure_at = now(),
					    blocked_until = CASE WHEN failures >= :threshold
					        THEN now() + make_interval(secs => LEAST(:max, :base * power(2, failures - :threshold))) END
					WHERE scope = :scope AND subject = :subject""")
				.bind("threshold", counter.threshold())
				.bind("base", seconds(this.properties.baseDelay()))
				.bind("max", seconds(this.properties.maxDelay()))
				.bind("scope", counter.scope())
				.bind("subject", counter.subject())
				.then())
			.then();
	}

	/** Forgets an account's failures, as after a reset through the owner's mailbox. */
	Mono<Void> clearAccount(String normalizedEmail) {
		return succeeded(List.of(loginAccount(normalizedEmail)));
	}

	private Mono<Integer> count(Counter counter) {
		return this.db.sql("""
				INSERT INTO auth_failures AS f (scope, subject, failures, pending, last_failure_at)
				VALUES (:scope, :subject, 1, 1, now())
				ON CONFLICT (scope, subject) DO UPDATE SET
				    failures = CASE WHEN f.pending = 0 AND GREATEST(f.last_failure_at, COALESCE(f.blocked_until, f.last_failure_at))
				                         < now() - make_interval(secs => :memory) THEN 1 ELSE f.failures + 1 END,
				    pending = f.pending + 1,
				    last_failure_at = now()
				WHERE (f.blocked_until IS NULL OR f.blocked_until <= now())
				  -- At the threshold, wait for the attempts being checked; one lost in a crash holds only a while.
				  AND NOT (f.failures >= :threshold AND f.pending > 0 AND f.last_failure_at > now() - interval '30 seconds')
				RETURNING failures""")
			.bind("scope", counter.scope())
			.bind("subject", counter.subject())
			.bind("threshold", counter.threshold())
			.bind("memory", seconds(this.properties.failureMemory()))
			.map((row, meta) -> row.get("failures", Integer.class))
			.one();
	}

	private Mono<Instant> blockedUntil(Counter counter) {
		return this.db.sql("SELECT blocked_until FROM auth_failures WHERE scope = :scope AND subject = :subject")
			.bind("scope", counter.scope())
			.bind("subject", counter.subject())
			.map((row, meta) -> java.util.Optional.ofNullable(row.get("blocked_until", OffsetDateTime.class)))
			.one()
			// Held by an attempt still being checked, or unblocked meanwhile: try again in a moment.
			.map(until -> until.map(OffsetDateTime::toInstant).filter(Instant.now()::isBefore).orElse(Instant.now()))
			.defaultIfEmpty(Instant.now());
	}

	static ApiProblem tooManyAttempts(Instant until) {
		long seconds = Math.max(1, (long) Math.ceil(Duration.between(Instant.now(), until).toMillis() / 1000.0));
		return new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, "too-many-attempts", "Too many attempts",
				"Too many failed attempts. Try again in " + seconds + " seconds.")
			.with("retryAfterSeconds", seconds)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
	}

	private static double seconds(Duration duration) {
		return duration.toMillis() / 1000.0;
	}

}
