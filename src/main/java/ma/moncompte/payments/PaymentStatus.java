package ma.moncompte.payments;

/** A payment waits for the provider's verdict, then succeeds or fails, once. */
public enum PaymentStatus {

	PENDING, SUCCEEDED, FAILED

}
