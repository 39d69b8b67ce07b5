package ma.moncompte.notifications;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Queues mail in the caller's transaction; a dispatcher sends it after commit and retries while the
 * SMTP relay is unavailable. A mail is therefore sent if and only if the change that caused it commits.
 */
@Component
public class Mailer {

	private final DatabaseClient db;

	public Mailer(DatabaseClient db) {
		this.db = db;
	}

	public Mono<Void> enqueue(OutgoingMail mail) {
		return this.db.sql("""
				INSERT INTO mail_outbox (recipient, subject, text_body, html_body)
				VALUES (:to, :subject, :text, :html)""")
			.bind("to", mail.to())
			.bind("subject", mail.subject())
			.bind("text", mail.textBody())
			.bind("html", mail.htmlBody())
			.fetch()
			.rowsUpdated()
			.then();
	}

}
