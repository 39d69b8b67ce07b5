package ma.moncompte.payments;

import reactor.core.publisher.Mono;

/**
 * Implemented by the features that sell something, to learn the verdict on their payments. Called once
 * per payment, inside the transaction that records the verdict, before its event is logged: what the
 * listener changes commits if and only if the verdict does. A listener must not fail for a verdict it
 * cannot act on (the money has moved either way); it ignores subjects of other types.
 */
public interface PaymentOutcomeListener {

	Mono<Void> paymentSucceeded(PaymentEvent payment);

	default Mono<Void> paymentFailed(PaymentEvent payment) {
		return Mono.empty();
	}

}
