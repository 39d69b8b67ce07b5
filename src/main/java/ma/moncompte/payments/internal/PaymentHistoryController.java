package ma.moncompte.payments.internal;

import java.time.Instant;
import java.util.UUID;

import ma.moncompte.accounts.CurrentUser;
import ma.moncompte.payments.PaymentStatus;
import ma.moncompte.payments.PaymentView;
import ma.moncompte.support.ApiProblem;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/me/payments")
class PaymentHistoryController {

	private final PaymentRepository payments;

	PaymentHistoryController(PaymentRepository payments) {
		this.payments = payments;
	}

	/** @param subject what was paid for: {@code {type, id, reference}}; type {@code request} for service requests */
	record HistoryEntry(UUID id, Instant date, long amountMinor, String currency, Subject subject, PaymentStatus status,
			String receiptNumber, String description, Instant completedAt, String failureReason) {
	}

	record Subject(String type, UUID id, String reference) {
	}

	@GetMapping
	Flux<HistoryEntry> history(@AuthenticationPrincipal CurrentUser citizen) {
		return this.payments.findByAccount(citizen.accountId()).map(PaymentHistoryController::entry);
	}

	@GetMapping("/{id}")
	Mono<HistoryEntry> one(@AuthenticationPrincipal CurrentUser citizen, @PathVariable UUID id) {
		return this.payments.findById(id)
			.filter(payment -> payment.accountId().equals(citizen.accountId()))
			.switchIfEmpty(Mono.error(() -> ApiProblem.notFound("payment-not-found", "There is no such payment.")))
			.map(PaymentHistoryController::entry);
	}

	private static HistoryEntry entry(PaymentView p) {
		return new HistoryEntry(p.id(), p.createdAt(), p.amountMinor(), p.currency(),
				new Subject(p.subjectType(), p.subjectId(), p.subjectReference()), p.status(), p.receiptNumber(),
				p.description(), p.completedAt(), p.failureReason());
	}

}
