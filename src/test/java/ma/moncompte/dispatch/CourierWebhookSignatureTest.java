package ma.moncompte.dispatch;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import ma.moncompte.testing.Citizens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** What must show: official-library signatures are accepted; forgeries, replays and stale secrets are not. */
class CourierWebhookSignatureTest extends DispatchTest {

	@Test
	void webhookSignedByTheOfficialLibraryIsAcceptedAndApplied() {
		CourierSigner courier = newCourier();
		Citizens.Citizen citizen = this.citizens.create();
		String tracking = trackingNumber();
		JsonNode shipment = createShipment(this.agent, PARIS, citizen, courier, tracking);
		assertThat(shipment.get("status").asString()).isEqualTo("LABEL_CREATED");
		String reference = shipment.get("reference").asString();

		Instant pickedUp = Instant.now().minusSeconds(120).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
		CourierSigner.Delivery delivery = courier.sign(update(tracking, "PICKED_UP", pickedUp, "Paris 15e"));
		deliver(courier, delivery).expectStatus().isOk().expectBody().jsonPath("$.outcome").isEqualTo("applied");

		assertThat(statusOf(reference)).isEqualTo("PICKED_UP");
		JsonNode view = citizenView(citizen.token(), reference);
		assertThat(view.get("status").asString()).isEqualTo("PICKED_UP");
		JsonNode last = view.get("timeline").get(view.get("timeline").size() - 1);
		assertThat(view.get("timeline").size()).isEqualTo(2);
		assertThat(Instant.parse(view.get("timeline").get(0).get("occurredAt").asString())).isEqualTo(pickedUp);
		assertThat(view.get("timeline").get(0).get("location").asString()).isEqualTo("Paris 15e");
		assertThat(last.get("status").asString()).isEqualTo("LABEL_CREATED");
		assertThat(eventsOf(citizen.id(), "shipment.status-changed")).isEqualTo(1);

		// Several space-separated entries: one valid among unknown schemes and wrong values is enough.
		CourierSigner.Delivery second = courier.sign(update(tracking, "IN_TRANSIT", Instant.now().minusSeconds(60), null));
		String bogus = "v1," + Base64.getEncoder().encodeToString(new byte[32]);
		deliver(courier, second.withSignature("v1a,abc " + bogus + " " + second.signature()))
			.expectStatus().isOk();
		assertThat(statusOf(reference)).isEqualTo("IN_TRANSIT");
	}

	@Test
	void forgedStaleOrIncompleteWebhooksAre401AndApplyNothing() {
		CourierSigner courier = newCourier();
		Citizens.Citizen citizen = this.citizens.create();
		String tracking = trackingNumber();
		String reference = createShipment(this.agent, PARIS, citizen, courier, tracking).get("reference").asString();
		String body = update(tracking, "DELIVERED", Instant.now().minusSeconds(30), "Paris");
		CourierSigner stranger = new CourierSigner(courier.code(), "whsec_" + Base64.getEncoder().encodeToString(randomBytes()));

		CourierSigner.Delivery genuine = courier.sign(body);
		long signedAt = Long.parseLong(genuine.timestamp());
		String staleId = CourierSigner.newId();
		String futureId = CourierSigner.newId();
		List<Attempt> forgeries = List.of(
				new Attempt("tampered body", courier.code(),
						genuine.withBody(body.replace("DELIVERED", "RETURNED_TO_CONSULATE")), "bad-signature"),
				new Attempt("tampered timestamp", courier.code(),
						genuine.withTimestamp(Long.toString(signedAt - 1)), "bad-signature"),
				new Attempt("stale timestamp", courier.code(),
						courier.sign(staleId, Instant.now().minus(Duration.ofMinutes(5)).minusSeconds(30), body),
						"stale-timestamp"),
				new Attempt("future timestamp", courier.code(),
						courier.sign(futureId, Instant.now().plus(Duration.ofMinutes(5)).plusSeconds(30), body),
						"future-timestamp"),
				new Attempt("wrong secret", courier.code(), stranger.sign(body), "bad-signature"),
				new Attempt("missing webhook-signature", courier.code(), genuine.withSignature(null), "missing-headers"),
				new Attempt("missing webhook-timestamp", courier.code(), genuine.withTimestamp(null), "missing-headers"),
				new Attempt("missing webhook-id", courier.code(),
						new CourierSigner.Delivery(null, genuine.timestamp(), body, genuine.signature()), "missing-headers"),
				new Attempt("unknown courier", "NOBODY-" + courier.code(), genuine, "unknown-courier"));

		try (SecurityLog securityLog = new SecurityLog()) {
			for (Attempt attempt : forgeries) {
				deliver(attempt.courier(), attempt.delivery(), MediaType.APPLICATION_JSON_VALUE)
					.expectStatus().isUnauthorized()
					.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
					.expectBody().jsonPath("$.status").isEqualTo(401);
				assertThat(securityLog.entries()).as(attempt.name())
					.anyMatch(entry -> entry.contains("reason=" + attempt.reason()) && entry.contains("courier=" + attempt.courier()));
			}
		}

		// Nothing of any attempt was applied or remembered.
		assertThat(statusOf(reference)).isEqualTo("LABEL_CREATED");
		assertThat(checkpointsOf(reference)).isEqualTo(1);
		assertThat(eventsOf(citizen.id(), "shipment.status-changed")).isZero();
		for (String id : List.of(genuine.id(), staleId, futureId)) {
			assertThat(receiptExists(courier.code(), id)).isFalse();
		}

		// The genuine delivery still goes through afterwards: the forgeries did not burn its id.
		deliver(courier, genuine).expectStatus().isOk();
		assertThat(statusOf(reference)).isEqualTo("DELIVERED");
	}

	@Test
	void replayedWebhookIdHasNoSecondEffect() {
		CourierSigner courier = newCourier();
		Citizens.Citizen citizen = this.citizens.create();
		String tracking = trackingNumber();
		String reference = createShipment(this.agent, PARIS, citizen, courier, tracking).get("reference").asString();
		CourierSigner.Delivery first = courier.sign(update(tracking, "IN_TRANSIT", Instant.now().minusSeconds(90), "Lyon"));

		deliver(courier, first).expectStatus().isOk().expectBody().jsonPath("$.outcome").isEqualTo("applied");
		deliver(courier, first).expectStatus().isOk().expectBody().jsonPath("$.outcome").isEqualTo("duplicate");
		// A retry is signed anew, at a later time, possibly with another body: same id, still no effect.
		CourierSigner.Delivery retry = courier.sign(first.id(), Instant.now(),
				update(tracking, "EXCEPTION", Instant.now().minusSeconds(10), "Lyon"));
		deliver(courier, retry).expectStatus().isOk().expectBody().jsonPath("$.outcome").isEqualTo("duplicate");

		assertThat(checkpointsOf(reference)).isEqualTo(2);
		assertThat(statusOf(reference)).isEqualTo("IN_TRANSIT");
		assertThat(eventsOf(citizen.id(), "shipment.status-changed")).isEqualTo(1);
	}

	@Test
	void duringRotationBothSecretsVerifyAndAfterTheOverlapOnlyTheNewOne() {
		CourierSigner original = newCourier();
		Citizens.Citizen citizen = this.citizens.create();
		String tracking = trackingNumber();
		String reference = createShipment(this.agent, PARIS, citizen, original, tracking).get("reference").asString();
		Instant base = Instant.now().minusSeconds(600);

		JsonNode rotation = read(http().post().uri("/api/v1/admin/couriers/{code}/secrets", original.code())
			.header("Authorization", "Bearer " + this.admin)
			.exchange()
			.expectStatus().isCreated()
			.expectHeader().cacheControl(org.springframework.http.CacheControl.noStore())
			.expectBody(String.class).returnResult().getResponseBody());
		CourierSigner rotated = new CourierSigner(original.code(), rotation.get("secret").asString());
		assertThat(rotated.secret()).isNotEqualTo(original.secret()).matches("whsec_[A-Za-z0-9+/]{43}=");
		// The default overlap is 24 hours.
		assertThat(Instant.parse(rotation.get("previousSecretValidUntil").asString()))
			.isCloseTo(Instant.now().plus(Duration.ofHours(24)), within(Duration.ofMinutes(1)));

		deliver(original, original.sign(update(tracking, "PICKED_UP", base, null))).expectStatus().isOk();
		deliver(rotated, rotated.sign(update(tracking, "IN_TRANSIT", base.plusSeconds(60), null))).expectStatus().isOk();
		// A courier in mid-switch may send both signatures.
		CourierSigner.Delivery both = rotated.sign(update(tracking, "IN_TRANSIT", base.plusSeconds(120), null));
		deliver(rotated, both.withSignature(original.signature(both.id(), Long.parseLong(both.timestamp()), both.body())
				+ " " + both.signature())).expectStatus().isOk();

		// The overlap ends (as if 24 hours went by).
		this.db.sql("UPDATE courier_secrets SET expires_at = now() - interval '1 second' WHERE courier_code = :code AND expires_at IS NOT NULL")
			.bind("code", original.code()).then().block();
		deliver(original, original.sign(update(tracking, "DELIVERED", base.plusSeconds(180), null)))
			.expectStatus().isUnauthorized();
		deliver(rotated, rotated.sign(update(tracking, "OUT_FOR_DELIVERY", base.plusSeconds(240), null)))
			.expectStatus().isOk();
		assertThat(statusOf(reference)).isEqualTo("OUT_FOR_DELIVERY");
		assertThat(checkpointsOf(reference)).isEqualTo(5);
	}

	@Test
	void atMostTwoSecretsAreValidAfterRepeatedRotations() {
		CourierSigner first = newCourier();
		CourierSigner second = new CourierSigner(first.code(), rotate(first));
		CourierSigner third = new CourierSigner(first.code(), rotate(first));
		String unknownTracking = trackingNumber();

		deliver(first, first.sign(update(unknownTracking, "PICKED_UP", Instant.now(), null))).expectStatus().isUnauthorized();
		deliver(second, second.sign(update(unknownTracking, "PICKED_UP", Instant.now(), null))).expectStatus().isAccepted();
		deliver(third, third.sign(update(unknownTracking, "PICKED_UP", Instant.now(), null))).expectStatus().isAccepted();
		Long active = this.db.sql("""
				SELECT count(*) AS n FROM courier_secrets
				WHERE courier_code = :code AND (expires_at IS NULL OR expires_at > now())""")
			.bind("code", first.code()).map((row, meta) -> row.get("n", Long.class)).one().block();
		assertThat(active).isEqualTo(2);
	}

	@Test
	void transportAndBodyErrorsAreAnsweredWithoutApplyingAnything() {
		CourierSigner courier = newCourier();
		Citizens.Citizen citizen = this.citizens.create();
		String tracking = trackingNumber();
		String reference = createShipment(this.agent, PARIS, citizen, courier, tracking).get("reference").asString();
		String valid = update(tracking, "DELIVERED", Instant.now(), null);

		// Over 64 KB, even correctly signed: 413, unread.
		String huge = "{\"trackingNumber\":\"" + tracking + "\",\"status\":\"DELIVERED\",\"occurredAt\":\""
				+ Instant.now() + "\",\"message\":\"" + "x".repeat(64 * 1024) + "\"}";
		deliver(courier, courier.sign(huge)).expectStatus().isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
		// Streamed without a length, the body is cut off at 64 KB all the same.
		CourierSigner.Delivery streamed = courier.sign(huge);
		byte[] bytes = streamed.body().getBytes(java.nio.charset.StandardCharsets.UTF_8);
		var buffers = org.springframework.core.io.buffer.DefaultDataBufferFactory.sharedInstance;
		Integer chunkedStatus = this.portal.webClient().post().uri("/api/v1/webhooks/couriers/{code}", courier.code())
			.contentType(MediaType.APPLICATION_JSON)
			.header("webhook-id", streamed.id())
			.header("webhook-timestamp", streamed.timestamp())
			.header("webhook-signature", streamed.signature())
			.body(reactor.core.publisher.Flux.range(0, bytes.length / 4096 + 1)
				.map(i -> buffers.wrap(java.util.Arrays.copyOfRange(bytes, i * 4096, Math.min(bytes.length, (i + 1) * 4096)))),
					org.springframework.core.io.buffer.DataBuffer.class)
			.exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value()))
			.block(Duration.ofSeconds(30));
		assertThat(chunkedStatus).isEqualTo(413);
		// Anything but application/json: 415.
		deliver(courier.code(), courier.sign(valid), MediaType.TEXT_PLAIN_VALUE)
			.expectStatus().isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
		deliver(courier.code(), courier.sign(valid), "application/x-www-form-urlencoded")
			.expectStatus().isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
		// application/json with a charset is still JSON.
		CourierSigner.Delivery withCharset = courier.sign(update(tracking, "IN_TRANSIT", Instant.now().minusSeconds(3600), null));
		deliver(courier.code(), withCharset, "application/json; charset=utf-8").expectStatus().isOk();

		// Signed, but not something we can apply: 400.
		deliver(courier, courier.sign("{\"trackingNumber\": \"" + tracking + "\", "))
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.type").isEqualTo("https://moncompte.example/problems/malformed-json");
		deliver(courier, courier.sign(update(tracking, "LOST_IN_SPACE", Instant.now(), null)))
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.type").isEqualTo("https://moncompte.example/problems/unknown-status");
		deliver(courier, courier.sign("{\"trackingNumber\":\"" + tracking + "\",\"status\":\"DELIVERED\"}"))
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.errors[0].field").isEqualTo("occurredAt");
		deliver(courier, courier.sign("[1,2,3]")).expectStatus().isBadRequest();
		deliver(courier, courier.sign(update(tracking, "DELIVERED", Instant.now().plus(Duration.ofHours(1)), null)))
			.expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("occurredAt");
		deliver(courier, courier.sign(update(tracking, "DELIVERED", Instant.parse("-290000-01-01T00:00:00Z"), null)))
			.expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("occurredAt");
		deliver(courier, courier.sign(update(tracking, "DELIVERED", Instant.now(), null).replace("\"status\"", "\"status\":42,\"x\"")))
			.expectStatus().isBadRequest();

		assertThat(checkpointsOf(reference)).isEqualTo(2);
		assertThat(statusOf(reference)).isEqualTo("IN_TRANSIT");
	}

	private static byte[] randomBytes() {
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		return bytes;
	}

	private record Attempt(String name, String courier, CourierSigner.Delivery delivery, String reason) {
	}

}
