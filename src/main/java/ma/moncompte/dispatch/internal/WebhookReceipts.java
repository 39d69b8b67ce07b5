package ma.moncompte.dispatch.internal;

import java.time.Duration;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The webhook ids already taken in, per courier. Claiming one is a single insert: a retry that races
 * the first delivery waits on the primary key until that one commits, then finds the id taken; if the
 * first delivery rolled back, the retry takes its place.
 */
@Component
class WebhookReceipts {

	private final DatabaseClient db;

	WebhookReceipts(DatabaseClient db) {
		this.db = db;
	}

	/** Emits true for the first delivery of this id, false for every later one. */
	Mono<Boolean> claim(String courierCode, String webhookId) {
		return this.db.sql("""
				INSERT INTO courier_webhook_receipts (courier_code, webhook_id) VALUES (:courier, :id)
				ON CONFLICT DO NOTHING""")
			.bind("courier", courierCode)
			.bind("id", webhookId)
			.fetch()
			.rowsUpdated()
			.map(rows -> rows == 1);
	}

	Mono<Long> forgetOlderThan(Duration retention) {
		return this.db.sql("DELETE FROM courier_webhook_receipts WHERE received_at < now() - make_interval(secs => :age)")
			.bind("age", (double) retention.toSeconds())
			.fetch()
			.rowsUpdated();
	}

}
