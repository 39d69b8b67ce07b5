package ma.moncompte.payments.internal;

import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Provider callbacks. No session: the callback is authenticated by its signature over the raw bytes,
 * which is why the body is taken as bytes and not as parsed JSON.
 */
@RestController
class PaymentCallbackController {

	private final PaymentService payments;

	PaymentCallbackController(PaymentService payments) {
		this.payments = payments;
	}

	@PostMapping("/api/v1/payments/callbacks/{provider}")
	Mono<Map<String, Object>> callback(@PathVariable String provider, @RequestHeader HttpHeaders headers,
			@RequestBody(required = false) byte[] body) {
		return this.payments.callback(provider, headers, body == null ? new byte[0] : body)
			.map(outcome -> Map.of("received", true, "outcome", outcome.name().toLowerCase()));
	}

}
