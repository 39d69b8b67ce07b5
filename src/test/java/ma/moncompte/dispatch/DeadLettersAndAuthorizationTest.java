package ma.moncompte.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import ma.moncompte.testing.Citizens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;

/** Updates for unknown tracking numbers are parked and replayed by the right agents; everyone sees only their own. */
class DeadLettersAndAuthorizationTest extends DispatchTest {

	private static final String ORLY = "FR-ORY";

	@Test
	void anUnknownTrackingNumberIsParkedAndReplayedOnceTheShipmentExists() {
		CourierSigner courier = newCourier();
		String tracking = trackingNumber();
		Instant pickedUp = Instant.now().minusSeconds(900).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
		CourierSigner.Delivery early = courier.sign(update(tracking, "PICKED_UP", pickedUp, "Consulat de Paris"));

		deliver(courier, early).expectStatus().isAccepted().expectBody().jsonPath("$.outcome").isEqualTo("parked");
		// The courier's retry of a parked update is not parked twice.
		deliver(courier, early).expectStatus().isOk().expectBody().jsonPath("$.outcome").isEqualTo("duplicate");

		JsonNode parked = letter(this.agent, PARIS, early.id());
		assertThat(parked).isNotNull();
		assertThat(parked.get("trackingNumber").asString()).isEqualTo(tracking);
		assertThat(parked.get("status").asString()).isEqualTo("PICKED_UP");
		assertThat(parked.get("courier").asString()).isEqualTo(courier.code());
		assertThat(parked.has("shipmentReference")).isFalse();
		assertThat(parkedCount(early.id())).isEqualTo(1);
		String letterId = parked.get("id").asString();

		// Not yet: there is nothing to apply it to.
		replay(this.agent, PARIS, letterId).expectStatus().isEqualTo(409)
			.expectBody().jsonPath("$.type").isEqualTo("https://moncompte.example/problems/no-matching-shipment");

		Citizens.Citizen citizen = this.citizens.create();
		String reference = createShipment(this.agent, PARIS, citizen, courier, tracking).get("reference").asString();
		assertThat(letter(this.agent, PARIS, early.id()).get("shipmentReference").asString()).isEqualTo(reference);

		// Another post's agent neither sees nor replays it; this post's agents replay it exactly once, even all at once.
		String orly = this.portal.loginAgent(ORLY);
		assertThat(letter(orly, ORLY, early.id())).isNull();
		replay(orly, ORLY, letterId).expectStatus().isNotFound();
		replay(orly, PARIS, letterId).expectStatus().isForbidden();
		WebClient client = this.portal.webClient();
		List<Integer> statuses = Flux.range(0, 10)
			.flatMap(i -> client.post().uri("/api/v1/agent/consulates/{c}/dead-letters/{id}/replay", PARIS, letterId)
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + (i % 2 == 0 ? this.agent : this.admin))
				.exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value())))
			.collectList().block(Duration.ofSeconds(30));
		assertThat(statuses).containsOnly(200, 409);
		assertThat(statuses.stream().filter(s -> s == 200)).hasSize(1);

		JsonNode view = citizenView(citizen.token(), reference);
		assertThat(view.get("status").asString()).isEqualTo("PICKED_UP");
		assertThat(view.get("timeline").get(0).get("status").asString()).isEqualTo("PICKED_UP");
		assertThat(Instant.parse(view.get("timeline").get(0).get("occurredAt").asString())).isEqualTo(pickedUp);
		assertThat(checkpointsOf(reference)).isEqualTo(2);
		assertThat(eventsOf(citizen.id(), "shipment.status-changed")).isEqualTo(1);
		assertThat(letter(this.agent, PARIS, early.id())).isNull();
		replay(this.agent, PARIS, letterId).expectStatus().isEqualTo(409)
			.expectBody().jsonPath("$.type").isEqualTo("https://moncompte.example/problems/already-replayed");

		// A courier retry after the replay changes nothing either.
		deliver(courier, courier.sign(early.id(), Instant.now(), early.body())).expectStatus().isOk();
		assertThat(checkpointsOf(reference)).isEqualTo(2);
	}

	@Test
	void citizensSeeOnlyTheirOwnShipmentsAndAgentsOnlyTheirPosts() {
		CourierSigner courier = newCourier();
		Citizens.Citizen owner = this.citizens.create();
		Citizens.Citizen other = this.citizens.create();
		String reference = createShipment(this.agent, PARIS, owner, courier, trackingNumber()).get("reference").asString();
		String orly = this.portal.loginAgent(ORLY);

		// Citizens: their own shipment by reference (any case), another's is 404, never 403.
		citizenView(owner.token(), reference.toLowerCase());
		get(other.token(), "/api/v1/me/shipments/" + reference).expectStatus().isNotFound();
		assertThat(read(get(other.token(), "/api/v1/me/shipments").expectStatus().isOk()
			.expectBody(String.class).returnResult().getResponseBody()).size()).isZero();
		get(null, "/api/v1/me/shipments").expectStatus().isUnauthorized();
		get(owner.token(), "/api/v1/agent/consulates/FR-PAR/shipments").expectStatus().isForbidden();
		get(owner.token(), "/api/v1/agent/consulates/FR-PAR/dead-letters").expectStatus().isForbidden();
		createShipmentRequest(owner.token(), PARIS, owner.email(), courier.code(), trackingNumber()).expectStatus().isForbidden();

		// Agent of another post: 403 on this post's routes, 404 for this post's shipment under their own.
		get(orly, "/api/v1/agent/consulates/FR-PAR/shipments").expectStatus().isForbidden();
		get(orly, "/api/v1/agent/consulates/FR-PAR/shipments/" + reference).expectStatus().isForbidden();
		get(orly, "/api/v1/agent/consulates/FR-PAR/dead-letters").expectStatus().isForbidden();
		createShipmentRequest(orly, PARIS, owner.email(), courier.code(), trackingNumber()).expectStatus().isForbidden();
		get(orly, "/api/v1/agent/consulates/FR-ORY/shipments/" + reference).expectStatus().isNotFound();
		assertThat(get(orly, "/api/v1/agent/consulates/FR-ORY/shipments?limit=500").expectStatus().isOk()
			.expectBody(String.class).returnResult().getResponseBody()).doesNotContain(reference);
		get(orly, "/api/v1/agent/consulates/XX-NOPE/shipments").expectStatus().isNotFound();

		// This post's agent and the admin: allowed.
		get(this.agent, "/api/v1/agent/consulates/FR-PAR/shipments/" + reference).expectStatus().isOk();
		get(this.admin, "/api/v1/agent/consulates/FR-PAR/shipments/" + reference).expectStatus().isOk()
			.expectBody().jsonPath("$.citizenEmail").isEqualTo(owner.email());
		get(this.admin, "/api/v1/agent/consulates/FR-PAR/dead-letters").expectStatus().isOk();
		createShipmentRequest(this.admin, ORLY, other.email(), courier.code(), trackingNumber()).expectStatus().isCreated();
	}

	private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec get(String token, String uri) {
		return http().get().uri(uri).headers(headers -> {
			if (token != null) {
				headers.setBearerAuth(token);
			}
		}).exchange();
	}

	private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec replay(String token, String consulate,
			String letterId) {
		return http().post().uri("/api/v1/agent/consulates/{c}/dead-letters/{id}/replay", consulate, letterId)
			.headers(headers -> headers.setBearerAuth(token)).exchange();
	}

	/** The pending letter with this webhook id in a post's list, or null. */
	private JsonNode letter(String token, String consulate, String webhookId) {
		JsonNode list = read(get(token, "/api/v1/agent/consulates/" + consulate + "/dead-letters?limit=500")
			.expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
		for (JsonNode letter : list) {
			if (letter.get("webhookId").asString().equals(webhookId)) {
				return letter;
			}
		}
		return null;
	}

	private long parkedCount(String webhookId) {
		return this.db.sql("SELECT count(*) AS n FROM courier_dead_letters WHERE webhook_id = :id").bind("id", webhookId)
			.map((row, meta) -> row.get("n", Long.class)).one().block();
	}

}
