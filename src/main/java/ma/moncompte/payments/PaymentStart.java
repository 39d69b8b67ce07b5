package ma.moncompte.payments;

/**
 * @param created {@code false} when the subject already had a payment in progress, which is returned
 * instead of a second one
 */
public record PaymentStart(PaymentView payment, boolean created) {
}
