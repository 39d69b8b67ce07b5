package ma.moncompte.dispatch;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import ma.moncompte.testing.Citizens;
import ma.moncompte.testing.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Shipments and courier webhooks over real HTTP, with couriers signing through the official library. */
abstract class DispatchTest extends IntegrationTest {

	protected static final String PARIS = "FR-PAR";

	protected final JsonMapper json = JsonMapper.builder().build();

	protected String admin;

	protected String agent;

	@BeforeEach
	void signInStaff() {
		this.admin = this.portal.loginAdmin();
		this.agent = this.portal.loginAgent(PARIS);
	}

	/** Registers a courier with a code of its own, through the admin API. */
	protected CourierSigner newCourier() {
		String code = "T" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
		JsonNode created = read(http().post().uri("/api/v1/admin/couriers")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.admin)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("code", code, "name", "Courier " + code))
			.exchange()
			.expectStatus().isCreated()
			.expectBody(String.class).returnResult().getResponseBody());
		return new CourierSigner(created.get("code").asString(), created.get("secret").asString());
	}

	protected String rotate(CourierSigner courier) {
		return read(http().post().uri("/api/v1/admin/couriers/{code}/secrets", courier.code())
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.admin)
			.exchange()
			.expectStatus().isCreated()
			.expectBody(String.class).returnResult().getResponseBody()).get("secret").asString();
	}

	protected static String trackingNumber() {
		return "TRK" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
	}

	protected JsonNode createShipment(String agentToken, String consulate, Citizens.Citizen citizen,
			CourierSigner courier, String tracking) {
		return read(createShipmentRequest(agentToken, consulate, citizen.email(), courier.code(), tracking)
			.expectStatus().isCreated()
			.expectBody(String.class).returnResult().getResponseBody());
	}

	protected WebTestClient.ResponseSpec createShipmentRequest(String token, String consulate, String email,
			String courier, String tracking) {
		return http().post().uri("/api/v1/agent/consulates/{code}/shipments", consulate)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("citizenEmail", email, "courier", courier, "trackingNumber", tracking, "description",
					"Passeport biométrique"))
			.exchange();
	}

	protected String update(String tracking, String status, Instant occurredAt, String location) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("trackingNumber", tracking);
		body.put("status", status);
		body.put("occurredAt", occurredAt.toString());
		if (location != null) {
			body.put("location", location);
		}
		return this.json.writeValueAsString(body);
	}

	protected WebTestClient.ResponseSpec deliver(CourierSigner courier, CourierSigner.Delivery delivery) {
		return deliver(courier.code(), delivery, MediaType.APPLICATION_JSON_VALUE);
	}

	protected WebTestClient.ResponseSpec deliver(String courierCode, CourierSigner.Delivery delivery,
			String contentType) {
		return http().post().uri("/api/v1/webhooks/couriers/{code}", courierCode)
			.headers(headers -> {
				if (contentType != null) {
					headers.set(HttpHeaders.CONTENT_TYPE, contentType);
				}
				if (delivery.id() != null) {
					headers.set("webhook-id", delivery.id());
				}
				if (delivery.timestamp() != null) {
					headers.set("webhook-timestamp", delivery.timestamp());
				}
				if (delivery.signature() != null) {
					headers.set("webhook-signature", delivery.signature());
				}
			})
			.bodyValue(delivery.body().getBytes(java.nio.charset.StandardCharsets.UTF_8))
			.exchange();
	}

	protected JsonNode citizenView(String token, String reference) {
		return read(http().get().uri("/api/v1/me/shipments/{ref}", reference)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.expectStatus().isOk()
			.expectBody(String.class).returnResult().getResponseBody());
	}

	protected String statusOf(String reference) {
		return this.db.sql("SELECT status FROM shipments WHERE reference = :ref").bind("ref", reference)
			.map((row, meta) -> row.get("status", String.class)).one().block();
	}

	protected long checkpointsOf(String reference) {
		return this.db.sql("""
				SELECT count(*) AS n FROM shipment_checkpoints c JOIN shipments s ON s.id = c.shipment_id
				WHERE s.reference = :ref""").bind("ref", reference)
			.map((row, meta) -> row.get("n", Long.class)).one().block();
	}

	protected long eventsOf(UUID accountId, String type) {
		return this.db.sql("SELECT count(*) AS n FROM event_log WHERE account_id = :account AND type = :type")
			.bind("account", accountId).bind("type", type)
			.map((row, meta) -> row.get("n", Long.class)).one().block();
	}

	protected boolean receiptExists(String courierCode, String webhookId) {
		return this.db.sql("SELECT count(*) AS n FROM courier_webhook_receipts WHERE courier_code = :c AND webhook_id = :id")
			.bind("c", courierCode).bind("id", webhookId)
			.map((row, meta) -> row.get("n", Long.class)).one().block() > 0;
	}

	protected JsonNode read(String body) {
		assertThat(body).isNotNull();
		return this.json.readTree(body);
	}

}
