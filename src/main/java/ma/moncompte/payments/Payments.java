package ma.moncompte.payments;

import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Online payments through the configured provider's hosted payment page. */
public interface Payments {

	/**
	 * Opens a payment for the order, in the caller's transaction, and returns it with its hosted page. If
	 * the subject already has a payment in progress, that one is returned instead; if it was already paid,
	 * the answer is a 409 problem.
	 */
	Mono<PaymentStart> start(PaymentOrder order);

	/** A citizen's payments, newest first. */
	Flux<PaymentView> history(UUID accountId);

	/** The payments of one subject, newest first. */
	Flux<PaymentView> forSubject(String subjectType, UUID subjectId);

}
