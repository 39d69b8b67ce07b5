package ma.moncompte.payments;

import java.util.UUID;

/** Payload of {@code payment.succeeded} and {@code payment.failed} in the event log. */
public record PaymentEvent(UUID paymentId, UUID accountId, PaymentStatus status, long amountMinor, String currency,
		String subjectType, UUID subjectId, String subjectReference, String receiptNumber, String failureReason) {

	public static final String SUCCEEDED = "payment.succeeded";

	public static final String FAILED = "payment.failed";

	public static PaymentEvent of(PaymentView payment) {
		return new PaymentEvent(payment.id(), payment.accountId(), payment.status(), payment.amountMinor(),
				payment.currency(), payment.subjectType(), payment.subjectId(), payment.subjectReference(),
				payment.receiptNumber(), payment.failureReason());
	}

}
