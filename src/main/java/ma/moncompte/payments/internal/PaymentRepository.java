package ma.moncompte.payments.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import ma.moncompte.payments.PaymentStatus;
import ma.moncompte.payments.PaymentView;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Component
class PaymentRepository {

	private static final String COLUMNS = """
			id, account_id, status, amount_minor, currency, subject_type, subject_id, subject_reference, description,
			redirect_url, receipt_number, failure_reason, created_at, completed_at""";

	private final DatabaseClient db;

	PaymentRepository(DatabaseClient db) {
		this.db = db;
	}

	record NewPayment(UUID id, UUID accountId, String subjectType, UUID subjectId, String subjectReference,
			String description, long amountMinor, String currency, String provider) {
	}

	/**
	 * Inserts the payment unless its subject already has one in progress or succeeded (the partial unique
	 * index decides, so concurrent attempts cannot both insert); emits nothing in that case.
	 */
	Mono<PaymentView> insertIfNoneOpen(NewPayment payment) {
		return this.db.sql("""
				INSERT INTO payments (id, account_id, subject_type, subject_id, subject_reference, description,
				                      amount_minor, currency, status, provider)
				VALUES (:id, :account, :subjectType, :subjectId, :subjectReference, :description, :amount, :currency,
				        'PENDING', :provider)
				ON CONFLICT (subject_type, subject_id) WHERE status IN ('PENDING', 'SUCCEEDED') DO NOTHING
				RETURNING %s""".formatted(COLUMNS))
			.bind("id", payment.id())
			.bind("account", payment.accountId())
			.bind("subjectType", payment.subjectType())
			.bind("subjectId", payment.subjectId())
			.bind("subjectReference", payment.subjectReference())
			.bind("description", payment.description())
			.bind("amount", payment.amountMinor())
			.bind("currency", payment.currency())
			.bind("provider", payment.provider())
			.map(PaymentRepository::toView)
			.one();
	}

	Mono<PaymentView> attachCheckout(UUID paymentId, String providerReference, String redirectUrl) {
		return this.db.sql("""
				UPDATE payments SET provider_reference = :reference, redirect_url = :redirect
				WHERE id = :id RETURNING %s""".formatted(COLUMNS))
			.bind("reference", providerReference)
			.bind("redirect", redirectUrl)
			.bind("id", paymentId)
			.map(PaymentRepository::toView)
			.one();
	}

	Mono<PaymentView> findOpen(String subjectType, UUID subjectId) {
		return this.db.sql("""
				SELECT %s FROM payments
				WHERE subject_type = :subjectType AND subject_id = :subjectId AND status IN ('PENDING', 'SUCCEEDED')""".formatted(COLUMNS))
			.bind("subjectType", subjectType)
			.bind("subjectId", subjectId)
			.map(PaymentRepository::toView)
			.one();
	}

	Mono<PaymentView> findByProviderReference(String provider, String reference) {
		return this.db.sql("SELECT " + COLUMNS + " FROM payments WHERE provider = :provider AND provider_reference = :reference")
			.bind("provider", provider)
			.bind("reference", reference)
			.map(PaymentRepository::toView)
			.one();
	}

	/**
	 * The verdict, applied once: only a pending payment succeeds, in one statement that also numbers its
	 * receipt. A repeated or concurrent callback waits for the first one's row lock, then finds the
	 * payment no longer pending and changes nothing; emits nothing then.
	 */
	Mono<PaymentView> succeed(UUID paymentId) {
		return this.db.sql("""
				UPDATE payments SET status = 'SUCCEEDED', completed_at = now(),
				       receipt_number = 'RCP-' || to_char(now() AT TIME ZONE 'UTC', 'YYYY') || '-'
				                        || lpad(CAST(nextval('payment_receipt_numbers') AS text), 8, '0')
				WHERE id = :id AND status = 'PENDING'
				RETURNING %s""".formatted(COLUMNS))
			.bind("id", paymentId)
			.map(PaymentRepository::toView)
			.one();
	}

	/** Like {@link #succeed}: only a pending payment fails, once. */
	Mono<PaymentView> fail(UUID paymentId, String reason) {
		return this.db.sql("""
				UPDATE payments SET status = 'FAILED', completed_at = now(), failure_reason = :reason
				WHERE id = :id AND status = 'PENDING'
				RETURNING %s""".formatted(COLUMNS))
			.bind("id", paymentId)
			.bind("reason", reason)
			.map(PaymentRepository::toView)
			.one();
	}

	Flux<PaymentView> findByAccount(UUID accountId) {
		return this.db.sql("SELECT " + COLUMNS + " FROM payments WHERE account_id = :account ORDER BY created_at DESC, id")
			.bind("account", accountId)
			.map(PaymentRepository::toView)
			.all();
	}

	Flux<PaymentView> findBySubject(String subjectType, UUID subjectId) {
		return this.db.sql("""
				SELECT %s FROM payments WHERE subject_type = :subjectType AND subject_id = :subjectId
				ORDER BY created_at DESC, id""".formatted(COLUMNS))
			.bind("subjectType", subjectType)
			.bind("subjectId", subjectId)
			.map(PaymentRepository::toView)
			.all();
	}

	Mono<PaymentView> findById(UUID id) {
		return this.db.sql("SELECT " + COLUMNS + " FROM payments WHERE id = :id")
			.bind("id", id)
			.map(PaymentRepository::toView)
			.one();
	}

	private static PaymentView toView(Readable row) {
		return new PaymentView(row.get("id", UUID.class), row.get("account_id", UUID.class),
				PaymentStatus.valueOf(row.get("status", String.class)), row.get("amount_minor", Long.class),
				row.get("currency", String.class), row.get("subject_type", String.class),
				row.get("subject_id", UUID.class), row.get("subject_reference", String.class),
				row.get("description", String.class), row.get("redirect_url", String.class),
				row.get("receipt_number", String.class), row.get("failure_reason", String.class),
				instant(row.get("created_at", OffsetDateTime.class)), instant(row.get("completed_at", OffsetDateTime.class)));
	}

	private static Instant instant(OffsetDateTime time) {
		return time == null ? null : time.toInstant();
	}

}
