package ma.moncompte.requests.internal;

import java.util.Set;

import ma.moncompte.payments.PaymentEvent;
import ma.moncompte.payments.PaymentOutcomeListener;
import ma.moncompte.requests.RequestStatus;
import ma.moncompte.requests.internal.TransitionCommand.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A succeeded payment makes the request PAID and hands it to the post's review queue (UNDER_REVIEW), in
 * the payment's own transaction. It runs once per payment because the payments module applies each
 * verdict once; the status guard makes it harmless even if it did not.
 */
@Component
class RequestPaymentOutcomes implements PaymentOutcomeListener {

	private static final Logger log = LoggerFactory.getLogger(RequestPaymentOutcomes.class);

	private final RequestTransitions transitions;

	RequestPaymentOutcomes(RequestTransitions transitions) {
		this.transitions = transitions;
	}

	@Override
	public Mono<Void> paymentSucceeded(PaymentEvent payment) {
		if (!RequestViews.PAYMENT_SUBJECT.equals(payment.subjectType())) {
			return Mono.empty();
		}
		return this.transitions
			.apply(TransitionCommand
				.of(payment.subjectId(), Set.of(RequestStatus.PAYMENT_PENDING), RequestStatus.PAID, Actor.SYSTEM, null)
				.withMessage(payment.receiptNumber()))
			.flatMap(paid -> this.transitions.apply(TransitionCommand.of(payment.subjectId(), Set.of(RequestStatus.PAID),
					RequestStatus.UNDER_REVIEW, Actor.SYSTEM, null)))
			.switchIfEmpty(Mono.fromRunnable(() -> log.warn(
					"Payment {} succeeded but request {} was not waiting for it; it needs a refund",
					payment.paymentId(), payment.subjectReference())))
			.then();
	}

}
