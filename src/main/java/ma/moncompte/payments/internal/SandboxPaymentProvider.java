package ma.moncompte.payments.internal;

import java.net.URI;
import java.time.Clock;
import java.util.UUID;

import ma.moncompte.support.ApiProblem;
import ma.moncompte.support.PortalProperties;
import ma.moncompte.support.SecureTokens;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * A provider that behaves like a real hosted payment page, inside the service: the checkout is a page
 * at {@code /sandbox/pay/{token}} where the payer approves or declines, after which the sandbox posts an
 * HMAC-signed callback to the service, exactly as an acquirer would.
 */
@Component
class SandboxPaymentProvider implements PaymentProvider {

	static final String NAME = "sandbox";

	static final String APPROVED = "checkout.approved";

	static final String DECLINED = "checkout.declined";

	private final SandboxCheckoutRepository checkouts;

	private final SandboxSignatures signatures;

	private final URI pageBaseUrl;

	private final JsonMapper json;

	SandboxPaymentProvider(SandboxCheckoutRepository checkouts, PaymentsProperties properties,
			PortalProperties portal, JsonMapper json) {
		this.checkouts = checkouts;
		this.json = json;
		this.signatures = new SandboxSignatures(properties.sandbox().signingSecret(),
				properties.sandbox().signatureTolerance(), Clock.systemUTC());
		this.pageBaseUrl = properties.sandbox().pageBaseUrl() != null ? properties.sandbox().pageBaseUrl()
				: portal.publicBaseUrl();
	}

	@Override
	public String name() {
		return NAME;
	}

	SandboxSignatures signatures() {
		return this.signatures;
	}

	@Override
	public Mono<Checkout> createCheckout(CheckoutRequest request) {
		String token = SecureTokens.newToken();
		return this.checkouts
			.create(new SandboxCheckoutRepository.SandboxCheckout(token, request.paymentId(), request.amountMinor(),
					request.currency(), request.description(), request.returnUrl().toString(),
					SandboxCheckoutRepository.Status.OPEN))
			.map(created -> new Checkout(token, UriComponentsBuilder.fromUri(this.pageBaseUrl)
				.path("/sandbox/pay/{token}")
				.buildAndExpand(token)
				.toUri()));
	}

	@Override
	public Mono<ProviderVerdict> verify(HttpHeaders headers, byte[] body) {
		return Mono.fromCallable(() -> {
			this.signatures.verify(headers.getFirst(SandboxSignatures.HEADER), body);
			return read(body);
		});
	}

	private ProviderVerdict read(byte[] body) {
		try {
			JsonNode node = this.json.readTree(body);
			String type = node.path("type").asString();
			if (!APPROVED.equals(type) && !DECLINED.equals(type)) {
				throw unreadable();
			}
			return new ProviderVerdict(node.required("checkout").asString(),
					UUID.fromString(node.required("merchantReference").asString()), APPROVED.equals(type),
					node.required("amountMinor").asLong(), node.required("currency").asString(),
					DECLINED.equals(type) ? node.path("declineReason").asString("declined") : null);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			throw unreadable();
		}
	}

	private static ApiProblem unreadable() {
		return ApiProblem.badRequest("malformed-callback", "Malformed callback", "The callback could not be read.");
	}

}
