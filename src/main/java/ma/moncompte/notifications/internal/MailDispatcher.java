package ma.moncompte.notifications.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Sends queued mail. Each instance leases a few rows at a time ({@code SKIP LOCKED}), so instances
 * share the work without sending twice; a lease that is never completed (a crash) expires and the mail
 * is tried again. SMTP is blocking, so sending runs on the bounded elastic scheduler.
 */
@Component
class MailDispatcher implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(MailDispatcher.class);

	private static final int BATCH = 20;

	private final DatabaseClient db;

	private final JavaMailSender sender;

	private final MailProperties properties;

	private volatile Disposable loop;

	MailDispatcher(DatabaseClient db, JavaMailSender sender, MailProperties properties) {
		this.db = db;
		this.sender = sender;
		this.properties = properties;
	}

	Mono<Void> dispatchDue() {
		return lease().concatMap(this::deliver).then();
	}

	private Flux<QueuedMail> lease() {
		return this.db.sql("""
				UPDATE mail_outbox SET attempts = attempts + 1, next_attempt_at = now() + interval '2 minutes'
				WHERE id IN (SELECT id FROM mail_outbox
				             WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= now()
				             ORDER BY id LIMIT :batch FOR UPDATE SKIP LOCKED)
				RETURNING id, recipient, subject, text_body, html_body, attempts""")
			.bind("batch", BATCH)
			.map((row, meta) -> new QueuedMail(row.get("id", Long.class), row.get("recipient", String.class),
					row.get("subject", String.class), row.get("text_body", String.class),
					row.get("html_body", String.class), row.get("attempts", Integer.class)))
			.all();
	}

	private Mono<Void> deliver(QueuedMail mail) {
		return Mono.fromRunnable(() -> send(mail))
			.subscribeOn(Schedulers.boundedElastic())
			.then(markSent(mail))
			.onErrorResume(ex -> markFailedAttempt(mail, ex));
	}

	private void send(QueuedMail mail) {
		try {
			MimeMessage message = this.sender.createMimeMessage();
			MimeMessageHelper helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
			helper.setFrom(this.properties.from());
			helper.setTo(mail.recipient());
			helper.setSubject(mail.subject());
			if (mail.htmlBody() != null) {
				helper.setText(mail.textBody(), mail.htmlBody());
			}
			else {
				helper.setText(mail.textBody());
			}
			this.sender.send(message);
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private Mono<Void> markSent(QueuedMail mail) {
		return this.db.sql("UPDATE mail_outbox SET sent_at = now(), last_error = NULL WHERE id = :id")
			.bind("id", mail.id())
			.then();
	}

	private Mono<Void> markFailedAttempt(QueuedMail mail, Throwable ex) {
		boolean giveUp = mail.attempts() >= this.properties.maxAttempts();
		if (giveUp) {
			log.error("Giving up mail {} after {} attempts: {}", mail.id(), mail.attempts(), ex.toString());
		}
		else {
			log.warn("Mail {} not sent (attempt {}), will retry: {}", mail.id(), mail.attempts(), ex.toString());
		}
		// Back off exponentially: 10 s, 20 s, 40 s ... capped at one hour.
		long delaySeconds = Math.min(3600, 10L << Math.min(mail.attempts() - 1, 12));
		return this.db.sql("""
				UPDATE mail_outbox SET last_error = :error,
				       next_attempt_at = now() + make_interval(secs => :delay),
				       failed_at = CASE WHEN :giveUp THEN now() ELSE NULL END
				WHERE id = :id""")
			.bind("error", String.valueOf(ex.getMessage()))
			.bind("delay", (double) delaySeconds)
			.bind("giveUp", giveUp)
			.bind("id", mail.id())
			.then();
	}

	@Override
	public void start() {
		this.loop = Flux.interval(Duration.ZERO, this.properties.pollInterval())
			.onBackpressureDrop()
			.concatMap(tick -> dispatchDue().onErrorResume(ex -> {
				log.warn("Mail dispatch failed: {}", ex.toString());
				return Mono.empty();
			}), 1)
			.subscribe();
	}

	@Override
	public void stop() {
		if (this.loop != null) {
			this.loop.dispose();
		}
	}

	@Override
	public boolean isRunning() {
		return this.loop != null && !this.loop.isDisposed();
	}

	private record QueuedMail(long id, String recipient, String subject, String textBody, String htmlBody,
			int attempts) {
	}

}
