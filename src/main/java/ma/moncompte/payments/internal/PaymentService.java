package ma.moncompte.payments.internal;

import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import ma.moncompte.payments.PaymentEvent;
import ma.moncompte.payments.PaymentOrder;
import ma.moncompte.payments.PaymentOutcomeListener;
import ma.moncompte.payments.PaymentStart;
import ma.moncompte.payments.PaymentStatus;
import ma.moncompte.payments.PaymentView;
import ma.moncompte.payments.Payments;
import ma.moncompte.streams.EventLog;
import ma.moncompte.support.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Component
class PaymentService implements Payments {

	private static final Logger log = LoggerFactory.getLogger(PaymentService.class);

	private final PaymentRepository payments;

	private final PaymentProvider provider;

	private final ObjectProvider<PaymentOutcomeListener> listeners;

	private final EventLog eventLog;

	private final TransactionalOperator transactions;

	private final MeterRegistry meters;

	PaymentService(PaymentRepository payments, PaymentProvider provider,
			ObjectProvider<PaymentOutcomeListener> listeners, EventLog eventLog, TransactionalOperator transactions,
			MeterRegistry meters) {
		this.payments = payments;
		this.provider = provider;
		this.listeners = listeners;
		this.eventLog = eventLog;
		this.transactions = transactions;
		this.meters = meters;
	}

	@Override
	public Mono<PaymentStart> start(PaymentOrder order) {
		PaymentRepository.NewPayment payment = new PaymentRepository.NewPayment(UUID.randomUUID(), order.accountId(),
				order.subjectType(), order.subjectId(), order.subjectReference(), order.description(),
				order.amountMinor(), order.currency().getCurrencyCode(), this.provider.name());
		return this.payments.insertIfNoneOpen(payment)
			.flatMap(created -> this.provider
				.createCheckout(new PaymentProvider.CheckoutRequest(created.id(), created.amountMinor(),
						created.currency(), created.description(), order.returnUrl()))
				.flatMap(checkout -> this.payments.attachCheckout(created.id(), checkout.reference(),
						checkout.redirectUrl().toString())))
			.map(created -> new PaymentStart(created, true))
			.switchIfEmpty(Mono.defer(() -> this.payments.findOpen(order.subjectType(), order.subjectId())
				.switchIfEmpty(Mono.error(() -> ApiProblem.conflict("payment-in-progress", "Payment in progress",
						"Another payment for this request was just settled; look at the request again.")))
				.map(existing -> {
					if (existing.status() == PaymentStatus.SUCCEEDED) {
						throw ApiProblem.conflict("already-paid", "Already paid", "This request is already paid.");
					}
					return new PaymentStart(existing, false);
				})));
	}

	@Override
	public Flux<PaymentView> history(UUID accountId) {
		return this.payments.findByAccount(accountId);
	}

	@Override
	public Flux<PaymentView> forSubject(String subjectType, UUID subjectId) {
		return this.payments.findBySubject(subjectType, subjectId);
	}

	enum Outcome {

		APPLIED, DUPLICATE

	}

	/** A provider's callback: verified first, then applied at most once, in one transaction. */
	Mono<Outcome> callback(String providerName, HttpHeaders headers, byte[] body) {
		if (!this.provider.name().equals(providerName)) {
			return Mono.error(ApiProblem.notFound("unknown-provider", "There is no payment provider " + providerName + "."));
		}
		return this.provider.verify(headers, body)
			.flatMap(verdict -> apply(verdict).as(this.transactions::transactional))
			.doOnNext(outcome -> this.meters.counter("moncompte.payments.callbacks", "outcome", outcome.name().toLowerCase())
				.increment());
	}

	private Mono<Outcome> apply(PaymentProvider.ProviderVerdict verdict) {
		return this.payments.findByProviderReference(this.provider.name(), verdict.reference())
			.filter(payment -> payment.id().equals(verdict.paymentId()))
			.switchIfEmpty(Mono.error(() -> ApiProblem.notFound("payment-not-found", "No payment matches this callback.")))
			.flatMap(payment -> {
				if (payment.amountMinor() != verdict.amountMinor() || !payment.currency().equals(verdict.currency())) {
					log.error("Callback for payment {} says {} {}, the payment is {} {}", payment.id(),
							verdict.amountMinor(), verdict.currency(), payment.amountMinor(), payment.currency());
					return Mono.error(ApiProblem.unprocessable("amount-mismatch", "Amount mismatch",
							"The callback's amount or currency differs from the payment's."));
				}
				return verdict.approved() ? succeed(payment.id()) : fail(payment.id(), verdict.failureReason());
			});
	}

	private Mono<Outcome> succeed(UUID paymentId) {
		return this.payments.succeed(paymentId)
			.flatMap(paid -> notify(paid, PaymentOutcomeListener::paymentSucceeded, PaymentEvent.SUCCEEDED))
			.defaultIfEmpty(Outcome.DUPLICATE);
	}

	private Mono<Outcome> fail(UUID paymentId, String reason) {
		return this.payments.fail(paymentId, reason == null ? "declined" : reason)
			.flatMap(failed -> notify(failed, PaymentOutcomeListener::paymentFailed, PaymentEvent.FAILED))
			.defaultIfEmpty(Outcome.DUPLICATE);
	}

	private Mono<Outcome> notify(PaymentView payment, ListenerCall call, String eventType) {
		PaymentEvent event = PaymentEvent.of(payment);
		List<PaymentOutcomeListener> all = this.listeners.orderedStream().toList();
		return Flux.fromIterable(all)
			.concatMap(listener -> call.apply(listener, event))
			.then(this.eventLog.append(payment.accountId(), eventType, event))
			.thenReturn(Outcome.APPLIED);
	}

	@FunctionalInterface
	private interface ListenerCall {

		Mono<Void> apply(PaymentOutcomeListener listener, PaymentEvent event);

	}

}
