package ma.moncompte.payments;

import java.net.URI;
import java.util.Currency;
import java.util.UUID;

/**
 * What a feature asks the citizen to pay for.
 *
 * @param subjectType what is paid for, e.g. {@code request}; at most one payment per subject is ever in
 * progress or succeeded
 * @param subjectReference the human reference of the subject, shown in the history and on the receipt
 * @param amountMinor the amount in minor units of {@code currency} (cents, pence, millimes...)
 * @param returnUrl where the provider sends the citizen back after the hosted payment page
 */
public record PaymentOrder(UUID accountId, String subjectType, UUID subjectId, String subjectReference,
		String description, long amountMinor, Currency currency, URI returnUrl) {

	public PaymentOrder {
		if (amountMinor <= 0) {
			throw new IllegalArgumentException("A payment is for a positive amount");
		}
	}

}
