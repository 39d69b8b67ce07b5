package ma.moncompte.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;

import ma.moncompte.testing.Citizens;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;

/** A burst of concurrent, shuffled and duplicated webhooks for one shipment, over real HTTP. */
class ConcurrentWebhooksTest extends DispatchTest {

	private static final int UPDATES = 50;

	private static final int COPIES = 4;

	@Test
	void fiftyConcurrentWebhooksLeaveTheLatestStatusAndFiftyCheckpoints() {
		CourierSigner courier = newCourier();
		Citizens.Citizen citizen = this.citizens.create();
		String tracking = trackingNumber();
		String reference = createShipment(this.agent, PARIS, citizen, courier, tracking).get("reference").asString();

		// Fifty updates at distinct instants, statuses drawn at random; the latest decides, whatever the arrival.
		Random random = new Random(42);
		List<String> vocabulary = List.of("PICKED_UP", "IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERY_ATTEMPT_FAILED",
				"AVAILABLE_FOR_PICKUP", "DELIVERED", "RETURNED_TO_CONSULATE", "EXCEPTION");
		Instant base = Instant.now().minus(Duration.ofHours(3)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
		List<Integer> offsets = new ArrayList<>();
		for (int i = 0; i < UPDATES; i++) {
			offsets.add(i * 60);
		}
		Collections.shuffle(offsets, random);
		List<Sent> sent = new ArrayList<>();
		for (int i = 0; i < UPDATES; i++) {
			Instant at = base.plusSeconds(offsets.get(i));
			String status = vocabulary.get(random.nextInt(vocabulary.size()));
			sent.add(new Sent(status, at, courier.sign(update(tracking, status, at, "Hub " + i))));
		}
		Sent latest = sent.stream().max(Comparator.comparing(Sent::at)).orElseThrow();

		// Every delivery is sent several times (couriers retry), all at once.
		List<CourierSigner.Delivery> burst = new ArrayList<>();
		for (int copy = 0; copy < COPIES; copy++) {
			sent.forEach(s -> burst.add(s.delivery()));
		}
		Collections.shuffle(burst, random);
		WebClient client = this.portal.webClient();
		List<Answer> answers = Flux.fromIterable(burst)
			.flatMap(delivery -> client.post().uri("/api/v1/webhooks/couriers/{code}", courier.code())
				.contentType(MediaType.APPLICATION_JSON)
				.header("webhook-id", delivery.id())
				.header("webhook-timestamp", delivery.timestamp())
				.header("webhook-signature", delivery.signature())
				.bodyValue(delivery.body())
				.exchangeToMono(response -> response.bodyToMono(Map.class)
					.map(body -> new Answer(response.statusCode().value(), String.valueOf(body.get("outcome"))))), 200)
			.collectList()
			.block(Duration.ofSeconds(90));

		assertThat(answers).hasSize(UPDATES * COPIES).allMatch(answer -> answer.status() == 200);
		Map<String, Long> outcomes = answers.stream().collect(Collectors.groupingBy(Answer::outcome, Collectors.counting()));
		assertThat(outcomes).containsEntry("applied", (long) UPDATES).containsEntry("duplicate", (long) UPDATES * (COPIES - 1));

		assertThat(statusOf(reference)).isEqualTo(latest.status());
		Instant statusAt = this.db.sql("SELECT status_occurred_at FROM shipments WHERE reference = :ref").bind("ref", reference)
			.map((row, meta) -> row.get("status_occurred_at", java.time.OffsetDateTime.class).toInstant()).one().block();
		assertThat(statusAt).isEqualTo(latest.at());

		// Each webhook recorded exactly once, with what it said.
		Map<String, String> recorded = this.db.sql("""
				SELECT c.webhook_id, c.status FROM shipment_checkpoints c JOIN shipments s ON s.id = c.shipment_id
				WHERE s.reference = :ref AND c.source = 'COURIER'""").bind("ref", reference)
			.map((row, meta) -> Map.entry(row.get("webhook_id", String.class), row.get("status", String.class)))
			.all().collectMap(Map.Entry::getKey, Map.Entry::getValue).block();
		assertThat(checkpointsOf(reference)).isEqualTo(UPDATES + 1);
		assertThat(recorded).hasSize(UPDATES)
			.isEqualTo(sent.stream().collect(Collectors.toMap(s -> s.delivery().id(), Sent::status, (a, b) -> a)));
		assertThat(eventsOf(citizen.id(), "shipment.status-changed")).isEqualTo(UPDATES);

		// And the citizen's timeline lists them in the order they happened.
		List<Instant> times = new ArrayList<>();
		citizenView(citizen.token(), reference).get("timeline")
			.forEach(checkpoint -> times.add(Instant.parse(checkpoint.get("occurredAt").asString())));
		assertThat(times).hasSize(UPDATES + 1).isSorted();
		assertThat(times).containsAll(sent.stream().map(Sent::at).map(Function.identity()).toList());
	}

	private record Sent(String status, Instant at, CourierSigner.Delivery delivery) {
	}

	private record Answer(int status, String outcome) {
	}

}
