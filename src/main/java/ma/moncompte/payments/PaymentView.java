package ma.moncompte.payments;

import java.time.Instant;
import java.util.UUID;

/**
 * A payment as features and citizens see it.
 *
 * @param redirectUrl the provider's hosted payment page, while the payment is pending
 * @param receiptNumber set once, when the payment succeeds
 */
public record PaymentView(UUID id, UUID accountId, PaymentStatus status, long amountMinor, String currency,
		String subjectType, UUID subjectId, String subjectReference, String description, String redirectUrl,
		String receiptNumber, String failureReason, Instant createdAt, Instant completedAt) {
}
