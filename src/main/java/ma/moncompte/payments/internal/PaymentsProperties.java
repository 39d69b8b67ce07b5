package ma.moncompte.payments.internal;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Online payments.
 *
 * @param provider the payment provider; only {@code sandbox} exists so far
 * @param sandbox the sandbox provider, which imitates a hosted payment page
 */
@ConfigurationProperties("moncompte.payments")
record PaymentsProperties(@DefaultValue("sandbox") String provider, @DefaultValue Sandbox sandbox) {

	/**
	 * @param signingSecret the HMAC-SHA256 key that signs callbacks; a random one per start when unset
	 * (fine while the sandbox runs inside the service, which is its only use)
	 * @param pageBaseUrl where citizens reach the sandbox pages; the portal's public address when unset
	 * @param callbackUrl where the sandbox sends its callbacks; when unset, the address the decision was
	 * posted to, with the path {@code /api/v1/payments/callbacks/sandbox}
	 * @param signatureTolerance how old a callback's signed timestamp may be, against replays
	 * @param callbackTimeout how long the sandbox waits for the service to answer a callback
	 * @param callbackAttempts how many times the sandbox tries to deliver a callback
	 */
	record Sandbox(String signingSecret, URI pageBaseUrl, URI callbackUrl,
			@DefaultValue("5m") Duration signatureTolerance, @DefaultValue("10s") Duration callbackTimeout,
			@DefaultValue("3") int callbackAttempts) {
	}

}
