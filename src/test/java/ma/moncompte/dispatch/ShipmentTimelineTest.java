package ma.moncompte.dispatch;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import ma.moncompte.testing.Citizens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/** Out-of-order updates, the timeline, and what agents enter and filter. */
class ShipmentTimelineTest extends DispatchTest {

	@Test
	void aLateOlderUpdateJoinsTheHistoryButNeverMovesTheStatusBack() {
		CourierSigner courier = newCourier();
		Citizens.Citizen citizen = this.citizens.create();
		String tracking = trackingNumber();
		JsonNode created = createShipment(this.agent, PARIS, citizen, courier, tracking);
		String reference = created.get("reference").asString();
		Instant labelCreated = Instant.parse(created.get("createdAt").asString());

		LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
		Instant nine = yesterday.atTime(9, 0).toInstant(ZoneOffset.UTC);
		Instant ten = yesterday.atTime(10, 0).toInstant(ZoneOffset.UTC);
		deliver(courier, courier.sign(update(tracking, "DELIVERED", ten, "Paris 11e"))).expectStatus().isOk();
		deliver(courier, courier.sign(update(tracking, "IN_TRANSIT", nine, "Roissy hub"))).expectStatus().isOk();

		JsonNode view = citizenView(citizen.token(), reference);
		assertThat(view.get("status").asString()).isEqualTo("DELIVERED");
		assertThat(statusOf(reference)).isEqualTo("DELIVERED");

		// Expected order computed here: every checkpoint sorted by when it happened.
		List<Map.Entry<String, Instant>> expected = new ArrayList<>(List.of(Map.entry("LABEL_CREATED", labelCreated),
				Map.entry("DELIVERED", ten), Map.entry("IN_TRANSIT", nine)));
		expected.sort(Comparator.comparing(Map.Entry::getValue));
		List<Map.Entry<String, Instant>> timeline = new ArrayList<>();
		for (JsonNode checkpoint : view.get("timeline")) {
			timeline.add(Map.entry(checkpoint.get("status").asString(),
					Instant.parse(checkpoint.get("occurredAt").asString())));
		}
		assertThat(timeline).containsExactlyElementsOf(expected);

		// The late one was still announced, as history: the status it reports stays DELIVERED.
		List<JsonNode> events = this.db.sql("""
				SELECT payload::text AS p FROM event_log WHERE account_id = :account AND type = 'shipment.status-changed'
				ORDER BY id""").bind("account", citizen.id())
			.map((row, meta) -> this.json.readTree(row.get("p", String.class))).all().collectList().block();
		assertThat(events).hasSize(2);
		assertThat(events.get(0).get("status").asString()).isEqualTo("DELIVERED");
		assertThat(events.get(0).get("statusChanged").asBoolean()).isTrue();
		assertThat(events.get(1).get("status").asString()).isEqualTo("DELIVERED");
		assertThat(events.get(1).get("statusChanged").asBoolean()).isFalse();
		assertThat(events.get(1).get("checkpoint").get("status").asString()).isEqualTo("IN_TRANSIT");

		JsonNode list = read(http().get().uri("/api/v1/me/shipments").header(HttpHeaders.AUTHORIZATION, "Bearer " + citizen.token())
			.exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
		assertThat(list.size()).isEqualTo(1);
		assertThat(list.get(0).get("reference").asString()).isEqualTo(reference);
		assertThat(list.get(0).get("status").asString()).isEqualTo("DELIVERED");
		assertThat(list.get(0).has("citizenEmail")).isFalse();
	}

	@Test
	void equalTimesAreSettledByTheVocabularyOrderNotByArrival() {
		CourierSigner courier = newCourier();
		Citizens.Citizen citizen = this.citizens.create();
		String tracking = trackingNumber();
		String reference = createShipment(this.agent, PARIS, citizen, courier, tracking).get("reference").asString();
		Instant same = Instant.now().minusSeconds(300);
		deliver(courier, courier.sign(update(tracking, "DELIVERED", same, null))).expectStatus().isOk();
		deliver(courier, courier.sign(update(tracking, "OUT_FOR_DELIVERY", same, null))).expectStatus().isOk();
		assertThat(statusOf(reference)).isEqualTo("DELIVERED");
	}

	@Test
	void agentsEnterShipmentsForExistingCitizensAndFilterTheirPostsByStatus() {
		CourierSigner courier = newCourier();
		Citizens.Citizen citizen = this.citizens.create();
		String tracking = trackingNumber();
		JsonNode first = read(createShipmentRequest(this.agent, PARIS, citizen.email().toUpperCase(), courier.code().toLowerCase(),
				" " + tracking.substring(0, 6).toLowerCase() + " " + tracking.substring(6) + " ")
			.expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody());
		assertThat(first.get("reference").asString()).matches("EXP-[0-9A-Z]{4}-[0-9A-Z]{4}");
		assertThat(first.get("status").asString()).isEqualTo("LABEL_CREATED");
		assertThat(first.get("consulate").asString()).isEqualTo(PARIS);
		assertThat(first.get("courier").asString()).isEqualTo(courier.code());
		assertThat(first.get("trackingNumber").asString()).isEqualTo(tracking);
		assertThat(first.get("citizenEmail").asString()).isEqualTo(citizen.email());
		assertThat(first.get("timeline").get(0).get("status").asString()).isEqualTo("LABEL_CREATED");

		// The same tracking number with the same courier is one parcel only.
		createShipmentRequest(this.agent, PARIS, citizen.email(), courier.code(), tracking).expectStatus().isEqualTo(409);
		createShipmentRequest(this.agent, PARIS, "nobody-" + tracking + "@example.org", courier.code(), trackingNumber())
			.expectStatus().isEqualTo(422)
			.expectBody().jsonPath("$.type").isEqualTo("https://moncompte.example/problems/unknown-citizen");
		createShipmentRequest(this.agent, PARIS, citizen.email(), "NO-SUCH-COURIER", trackingNumber())
			.expectStatus().isEqualTo(422)
			.expectBody().jsonPath("$.type").isEqualTo("https://moncompte.example/problems/unknown-courier");
		createShipmentRequest(this.agent, PARIS, citizen.email(), courier.code(), "not/a/tracking#")
			.expectStatus().isBadRequest();

		String secondTracking = trackingNumber();
		String second = createShipment(this.agent, PARIS, citizen, courier, secondTracking).get("reference").asString();
		deliver(courier, courier.sign(update(secondTracking, "IN_TRANSIT", Instant.now().minusSeconds(30), null)))
			.expectStatus().isOk();

		List<String> inTransit = references("/api/v1/agent/consulates/FR-PAR/shipments?status=IN_TRANSIT&limit=500");
		assertThat(inTransit).contains(second).doesNotContain(first.get("reference").asString());
		List<String> either = references("/api/v1/agent/consulates/FR-PAR/shipments?status=LABEL_CREATED,IN_TRANSIT&limit=500");
		assertThat(either).contains(second, first.get("reference").asString());
		http().get().uri("/api/v1/agent/consulates/FR-PAR/shipments?status=LOST").header(HttpHeaders.AUTHORIZATION, "Bearer " + this.agent)
			.exchange().expectStatus().isBadRequest();

		JsonNode detail = read(http().get().uri("/api/v1/agent/consulates/FR-PAR/shipments/{ref}", second)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.agent).exchange().expectStatus().isOk()
			.expectBody(String.class).returnResult().getResponseBody());
		assertThat(detail.get("status").asString()).isEqualTo("IN_TRANSIT");
		assertThat(detail.get("timeline").size()).isEqualTo(2);
	}

	private List<String> references(String uri) {
		List<String> references = new ArrayList<>();
		read(http().get().uri(uri).header(HttpHeaders.AUTHORIZATION, "Bearer " + this.agent).exchange()
			.expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody())
			.forEach(node -> references.add(node.get("reference").asString()));
		return references;
	}

}
