package ma.moncompte.support.internal;

import java.util.UUID;

import ma.moncompte.testing.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

class RetentionTest extends IntegrationTest {

	@Autowired
	private RetentionJob job;

	@Test
	void oldIdempotencyAnswersAndSentMailAreRemovedAndFreshOnesKept() {
		UUID account = UUID.randomUUID();
		this.db.sql("""
				INSERT INTO idempotency_keys (account_id, scope, idem_key, fingerprint, created_at)
				VALUES (:a, 'test', 'old', 'f', now() - interval '25 hours'), (:a, 'test', 'fresh', 'f', now())""")
			.bind("a", account).then().block();
		String recipient = "retention-" + account + "@example.org";
		this.db.sql("""
				INSERT INTO mail_outbox (recipient, subject, text_body, sent_at)
				VALUES (:r, 'old', 'x', now() - interval '31 days'), (:r, 'recent', 'x', now() - interval '1 day')""")
			.bind("r", recipient).then().block();

		this.job.run().block();

		assertThat(this.db.sql("SELECT idem_key FROM idempotency_keys WHERE account_id = :a").bind("a", account)
			.map((row, meta) -> row.get("idem_key", String.class)).all().collectList().block()).containsExactly("fresh");
		assertThat(this.db.sql("SELECT subject FROM mail_outbox WHERE recipient = :r").bind("r", recipient)
			.map((row, meta) -> row.get("subject", String.class)).all().collectList().block()).containsExactly("recent");
	}

}
