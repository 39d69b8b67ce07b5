package ma.moncompte.accounts.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Locale;

import ma.moncompte.support.ApiProblem;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Fixed-window request quotas in PostgreSQL, for the endpoints that create accounts or send mail:
 * sign-up, password reset and confirmation resend. A per-address quota stops mail bombing of one
 * mailbox; it counts the submitted address whether or not an account has it, so a 429 reveals nothing.
 */
@Component
class Quotas {

	static final String SIGNUP_IP = "signup-ip";

	static final String MAIL_IP = "mail-ip";

	static final String MAIL_ADDRESS = "mail-address";

	private final DatabaseClient db;

	private final ThrottleProperties properties;

	Quotas(DatabaseClient db, ThrottleProperties properties) {
		this.db = db;
		this.properties = properties;
	}

	Mono<Void> signup(ClientInfo client, String email) {
		return consume(SIGNUP_IP, client.ipOrUnknown(), this.properties.signupsPerIp())
			.then(consume(MAIL_ADDRESS, email.toLowerCase(Locale.ROOT), this.properties.mailsPerAddress()));
	}

	/** Password reset and confirmation resend: both mail an address on an anonymous request. */
	Mono<Void> mailRequest(ClientInfo client, String email) {
		return consume(MAIL_IP, client.ipOrUnknown(), this.properties.resetsPerIp())
			.then(consume(MAIL_ADDRESS, email.toLowerCase(Locale.ROOT), this.properties.mailsPerAddress()));
	}

	private Mono<Void> consume(String scope, String subject, int limit) {
		return this.db.sql("""
				INSERT INTO request_quotas AS q (scope, subject, window_started_at, requests)
				VALUES (:scope, :subject, now(), 1)
				ON CONFLICT (scope, subject) DO UPDATE SET
				    window_started_at = CASE WHEN q.window_started_at <= now() - make_interval(secs => :window)
				                             THEN now() ELSE q.window_started_at END,
				    requests = CASE WHEN q.window_started_at <= now() - make_interval(secs => :window)
				                    THEN 1 ELSE q.requests + 1 END
				RETURNING requests, window_started_at + make_interval(secs => :window) AS resets_at""")
			.bind("scope", scope)
			.bind("subject", subject)
			.bind("window", this.properties.quotaWindow().toMillis() / 1000.0)
			.map((row, meta) -> new Used(row.get("requests", Integer.class),
					row.get("resets_at", OffsetDateTime.class).toInstant()))
			.one()
			.flatMap(used -> used.requests() <= limit ? Mono.<Void>empty() : Mono.error(tooMany(used.resetsAt())));
	}

	private record Used(int requests, Instant resetsAt) {
	}

	private static ApiProblem tooMany(Instant resetsAt) {
		long seconds = Math.max(1, Duration.between(Instant.now(), resetsAt).toSeconds());
		return new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, "too-many-requests", "Too many requests",
				"Too many requests of this kind. Try again in " + seconds + " seconds.")
			.with("retryAfterSeconds", seconds)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
	}

}
