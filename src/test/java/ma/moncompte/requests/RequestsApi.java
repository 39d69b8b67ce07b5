package ma.moncompte.requests;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import ma.moncompte.testing.Portal;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/** The requests and payments API as a client uses it, over real HTTP. */
public class RequestsApi {

	/** The dev stack's sandbox signing secret (src/test/resources/application-devstack.yml). */
	public static final String SANDBOX_SECRET = "sandbox-signing-secret-for-the-dev-stack";

	public static final Map<String, Object> PASSPORT_RENEWAL_FIELDS = Map.of("currentPassportNumber", "AB1234567",
			"currentPassportExpiry", "2026-01-31", "cnieNumber", "BK123456", "birthDate", "1988-04-12", "birthPlace",
			"Fès", "heightCm", 172, "renewalReason", "EXPIRED");

	private final Portal portal;

	private final JsonMapper json = JsonMapper.builder().build();

	public RequestsApi(Portal portal) {
		this.portal = portal;
	}

	public WebTestClient http() {
		return this.portal.http();
	}

	public JsonNode read(WebTestClient.ResponseSpec response) {
		return this.json.readTree(response.expectBody(String.class).returnResult().getResponseBody());
	}

	public JsonNode ok(WebTestClient.ResponseSpec response) {
		return read(response.expectStatus().is2xxSuccessful());
	}

	public WebTestClient.ResponseSpec create(String token, String type, String consulate, Map<String, Object> fields) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", type);
		body.put("consulate", consulate);
		body.put("fields", fields);
		return http().post().uri("/api/v1/me/requests").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
	}

	public UUID createDraft(String token, String type, String consulate, Map<String, Object> fields) {
		return UUID.fromString(read(create(token, type, consulate, fields).expectStatus().isCreated()).get("id").asString());
	}

	public WebTestClient.ResponseSpec patch(String token, UUID id, Map<String, Object> fields) {
		return http().patch().uri("/api/v1/me/requests/{id}", id).header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("fields", fields)).exchange();
	}

	public WebTestClient.ResponseSpec get(String token, UUID id) {
		return http().get().uri("/api/v1/me/requests/{id}", id).header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange();
	}

	public WebTestClient.ResponseSpec upload(String token, UUID id, String kind, String filename, String declaredType,
			byte[] content) {
		MultipartBodyBuilder parts = new MultipartBodyBuilder();
		parts.part("kind", kind);
		parts.part("file", new ByteArrayResource(content) {
			@Override
			public String getFilename() {
				return filename;
			}
		}).contentType(MediaType.parseMediaType(declaredType));
		return http().post().uri("/api/v1/me/requests/{id}/documents", id)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(BodyInserters.fromMultipartData(parts.build()))
			.exchange();
	}

	public WebTestClient.ResponseSpec post(String token, String path, Object body, Object... uriVariables) {
		WebTestClient.RequestBodySpec spec = http().post().uri(path, uriVariables)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
		return body == null ? spec.exchange() : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
	}

	public WebTestClient.ResponseSpec submit(String token, UUID id) {
		return post(token, "/api/v1/me/requests/{id}/submit", null, id);
	}

	public WebTestClient.ResponseSpec pay(String token, UUID id, String idempotencyKey) {
		return http().post().uri("/api/v1/me/requests/{id}/payments", id)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.header("Idempotency-Key", idempotencyKey)
			.exchange();
	}

	public WebTestClient.ResponseSpec transition(String agentToken, UUID id, String to, String message, UUID slotId) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("to", to);
		if (message != null) {
			body.put("message", message);
		}
		if (slotId != null) {
			body.put("slotId", slotId.toString());
		}
		return post(agentToken, "/api/v1/agent/requests/{id}/transitions", body, id);
	}

	/** A passport renewal of the citizen, filled in, with its photo and old passport, submitted. */
	public UUID submittedPassportRenewal(String token, String consulate) {
		UUID id = createDraft(token, "PASSPORT_RENEWAL", consulate, PASSPORT_RENEWAL_FIELDS);
		upload(token, id, "PHOTO", "photo.png", "image/png", TestFiles.png(600, 800)).expectStatus().isCreated();
		upload(token, id, "OLD_PASSPORT", "passport.pdf", "application/pdf", TestFiles.pdf("old passport"))
			.expectStatus().isCreated();
		ok(submit(token, id));
		return id;
	}

	/** The path of the sandbox page a payment redirects to (its host is the configured public address). */
	public static String sandboxPath(String redirectUrl) {
		return URI.create(redirectUrl).getPath();
	}

	public static String checkoutToken(String redirectUrl) {
		String path = sandboxPath(redirectUrl);
		return path.substring(path.lastIndexOf('/') + 1);
	}

	/** A callback as the sandbox would sign it, computed here with the JDK's HMAC. */
	public static String sign(String secret, long timestamp, byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
			return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(mac.doFinal(body));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static byte[] approvedCallback(String checkoutToken, UUID paymentId, long amountMinor, String currency) {
		return ("{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"checkout.approved\",\"checkout\":\"" + checkoutToken
				+ "\",\"merchantReference\":\"" + paymentId + "\",\"amountMinor\":" + amountMinor + ",\"currency\":\""
				+ currency + "\",\"createdAt\":\"" + Instant.now() + "\"}")
			.getBytes(StandardCharsets.UTF_8);
	}

	public WebTestClient.ResponseSpec callback(byte[] body, String signature) {
		WebTestClient.RequestBodySpec spec = http().post().uri("/api/v1/payments/callbacks/sandbox")
			.contentType(MediaType.APPLICATION_JSON);
		if (signature != null) {
			spec = spec.header("Sandbox-Signature", signature);
		}
		return spec.bodyValue(body).exchange();
	}

	public static long now() {
		return Instant.now().getEpochSecond();
	}

	public static Duration seconds(long s) {
		return Duration.ofSeconds(s);
	}

}
