package ma.moncompte.payments.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import ma.moncompte.payments.internal.SandboxCheckoutRepository.SandboxCheckout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/** Delivers the sandbox's signed callbacks to the service, retrying briefly like a provider's webhooks. */
@Component
class SandboxCallbackSender {

	private static final Logger log = LoggerFactory.getLogger(SandboxCallbackSender.class);

	private final WebClient http = WebClient.builder().build();

	private final SandboxPaymentProvider provider;

	private final PaymentsProperties.Sandbox properties;

	private final JsonMapper json;

	SandboxCallbackSender(SandboxPaymentProvider provider, PaymentsProperties properties, JsonMapper json) {
		this.provider = provider;
		this.properties = properties.sandbox();
		this.json = json;
	}

	/** What the service answered, once delivered or given up. */
	record Delivery(boolean delivered, int status) {
	}

	/** The callback's exact bytes: signed as they are, so they must not be re-serialized on the way. */
	byte[] body(SandboxCheckout checkout) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("id", UUID.randomUUID().toString());
		boolean approved = checkout.status() == SandboxCheckoutRepository.Status.APPROVED;
		body.put("type", approved ? SandboxPaymentProvider.APPROVED : SandboxPaymentProvider.DECLINED);
		body.put("checkout", checkout.token());
		body.put("merchantReference", checkout.paymentId().toString());
		body.put("amountMinor", checkout.amountMinor());
		body.put("currency", checkout.currency());
		if (!approved) {
			body.put("declineReason", "declined-by-payer");
		}
		body.put("createdAt", Instant.now().toString());
		return this.json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
	}

	Mono<Delivery> send(SandboxCheckout checkout, URI callbackUrl) {
		byte[] body = body(checkout);
		return Mono.defer(() -> this.http.post()
			.uri(callbackUrl)
			.contentType(MediaType.APPLICATION_JSON)
			// Signed at each attempt, so a retry carries a fresh timestamp.
			.header(SandboxSignatures.HEADER, this.provider.signatures().sign(body))
			.bodyValue(body)
			.exchangeToMono(response -> response.releaseBody()
				.thenReturn(response.statusCode().value()))
			.timeout(this.properties.callbackTimeout())
			.flatMap(status -> status >= 500 ? Mono.error(new IllegalStateException("callback answered " + status))
					: Mono.just(new Delivery(status < 300, status))))
			.retryWhen(Retry.backoff(Math.max(0, this.properties.callbackAttempts() - 1), Duration.ofMillis(200)))
			.onErrorResume(ex -> {
				log.warn("Sandbox callback for checkout of payment {} not delivered: {}", checkout.paymentId(),
						ex.toString());
				return Mono.just(new Delivery(false, 0));
			});
	}

}
