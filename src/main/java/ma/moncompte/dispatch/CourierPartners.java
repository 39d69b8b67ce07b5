package ma.moncompte.dispatch;

import reactor.core.publisher.Mono;

/**
 * The partner couriers allowed to report shipment progress, each with a Standard Webhooks signing
 * secret. A secret is returned only here, when it is issued; it is stored encrypted and never shown
 * again.
 */
public interface CourierPartners {

	/** Registers a courier and issues its first secret; empty when the code is already registered. */
	Mono<CourierCredentials> register(String code, String name);

	/**
	 * Issues a new secret. The previous one keeps verifying for the configured overlap, and any older one
	 * stops at once, so at most two are ever valid. Empty for an unknown courier.
	 */
	Mono<CourierCredentials> rotateSecret(String code);

}
