package ma.moncompte.payments.internal;

import java.util.UUID;

import io.r2dbc.spi.Readable;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The sandbox provider's own records of its hosted checkouts. */
@Component
class SandboxCheckoutRepository {

	private static final String COLUMNS = "token, payment_id, amount_minor, currency, description, return_url, status";

	private final DatabaseClient db;

	SandboxCheckoutRepository(DatabaseClient db) {
		this.db = db;
	}

	enum Status {

		OPEN, APPROVED, DECLINED

	}

	record SandboxCheckout(String token, UUID paymentId, long amountMinor, String currency, String description,
			String returnUrl, Status status) {

		static SandboxCheckout from(Readable row) {
			return new SandboxCheckout(row.get("token", String.class), row.get("payment_id", UUID.class),
					row.get("amount_minor", Long.class), row.get("currency", String.class),
					row.get("description", String.class), row.get("return_url", String.class),
					Status.valueOf(row.get("status", String.class)));
		}

	}

	Mono<SandboxCheckout> create(SandboxCheckout checkout) {
		return this.db.sql("""
				INSERT INTO sandbox_checkouts (token, payment_id, amount_minor, currency, description, return_url, status)
				VALUES (:token, :payment, :amount, :currency, :description, :returnUrl, 'OPEN')
				RETURNING %s""".formatted(COLUMNS))
			.bind("token", checkout.token())
			.bind("payment", checkout.paymentId())
			.bind("amount", checkout.amountMinor())
			.bind("currency", checkout.currency())
			.bind("description", checkout.description())
			.bind("returnUrl", checkout.returnUrl())
			.map(SandboxCheckout::from)
			.one();
	}

	Mono<SandboxCheckout> find(String token) {
		return this.db.sql("SELECT " + COLUMNS + " FROM sandbox_checkouts WHERE token = :token")
			.bind("token", token)
			.map(SandboxCheckout::from)
			.one();
	}

	/** The payer decides once: emits nothing when the checkout was already decided. */
	Mono<SandboxCheckout> decide(String token, Status decision) {
		return this.db.sql("""
				UPDATE sandbox_checkouts SET status = :decision, decided_at = now()
				WHERE token = :token AND status = 'OPEN'
				RETURNING %s""".formatted(COLUMNS))
			.bind("decision", decision.name())
			.bind("token", token)
			.map(SandboxCheckout::from)
			.one();
	}

}
