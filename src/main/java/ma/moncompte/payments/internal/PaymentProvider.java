package ma.moncompte.payments.internal;

import java.net.URI;
import java.util.UUID;

import org.springframework.http.HttpHeaders;
import reactor.core.publisher.Mono;

/**
 * The port to a payment provider with a hosted payment page: the citizen is sent to the provider's page,
 * and the provider tells the service the verdict through a signed callback. A real acquirer's adapter
 * implements this next to the sandbox.
 */
interface PaymentProvider {

	/** The name in the callback path, {@code /api/v1/payments/callbacks/{name}}. */
	String name();

	Mono<Checkout> createCheckout(CheckoutRequest request);

	/**
	 * Verifies a callback's signature over its exact bytes and reads it. Errors with a 401 problem when the
	 * signature is missing, wrong or stale; a 400 problem when a genuine callback cannot be read.
	 */
	Mono<ProviderVerdict> verify(HttpHeaders headers, byte[] body);

	record CheckoutRequest(UUID paymentId, long amountMinor, String currency, String description, URI returnUrl) {
	}

	/** @param reference the provider's id of the checkout, quoted in its callbacks */
	record Checkout(String reference, URI redirectUrl) {
	}

	/** What the provider says happened to a checkout. */
	record ProviderVerdict(String reference, UUID paymentId, boolean approved, long amountMinor, String currency,
			String failureReason) {
	}

}
