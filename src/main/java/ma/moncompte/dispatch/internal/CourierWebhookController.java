package ma.moncompte.dispatch.internal;

import java.util.Locale;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import ma.moncompte.dispatch.internal.WebhookSignatures.SignedHeaders;
import ma.moncompte.support.ApiProblem;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Courier progress reports, authenticated by their Standard Webhooks signature instead of a session.
 * The body is read here as raw bytes, never through a codec: the signature covers those exact bytes, and
 * nothing parses them before it is verified.
 */
@RestController
class CourierWebhookController {

	private final WebhookIntake intake;

	private final DispatchProperties properties;

	CourierWebhookController(WebhookIntake intake, DispatchProperties properties) {
		this.intake = intake;
		this.properties = properties;
	}

	@Operation(summary = "A courier's tracking update, signed as Standard Webhooks specify "
			+ "(webhook-id, webhook-timestamp, webhook-signature). Body: {trackingNumber, status, occurredAt, location?, message?}.")
	@PostMapping("/api/v1/webhooks/couriers/{code}")
	Mono<ResponseEntity<Map<String, String>>> receive(@PathVariable String code, ServerHttpRequest request) {
		HttpHeaders headers = request.getHeaders();
		requireJson(headers);
		int maxBytes = (int) this.properties.webhookMaxBody().toBytes();
		if (headers.getContentLength() > maxBytes) {
			return Mono.error(tooLarge(maxBytes));
		}
		SignedHeaders signed = new SignedHeaders(headers.getFirst(WebhookSignatures.ID),
				headers.getFirst(WebhookSignatures.TIMESTAMP), headers.getFirst(WebhookSignatures.SIGNATURE));
		return DataBufferUtils.join(request.getBody(), maxBytes)
			.map(CourierWebhookController::bytes)
			.defaultIfEmpty(new byte[0])
			.onErrorMap(DataBufferLimitException.class, ex -> tooLarge(maxBytes))
			.flatMap(body -> this.intake.receive(code, signed, body, request.getRemoteAddress()))
			.map(outcome -> ResponseEntity.status(outcome.status())
				.body(Map.of("outcome", outcome.name().toLowerCase(Locale.ROOT))));
	}

	private static void requireJson(HttpHeaders headers) {
		MediaType type;
		try {
			type = headers.getContentType();
		}
		catch (InvalidMediaTypeException ex) {
			type = null;
		}
		if (type == null || !MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type)) {
			throw new ApiProblem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported media type",
					"Webhooks must be sent as application/json.");
		}
	}

	private static ApiProblem tooLarge(int maxBytes) {
		return new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large",
				"A webhook body may be at most " + maxBytes / 1024 + " KB.");
	}

	private static byte[] bytes(DataBuffer buffer) {
		try {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			return bytes;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

}
