package ma.moncompte.booking.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ma.moncompte.testing.Citizens.Citizen;
import ma.moncompte.testing.IntegrationTest;
import ma.moncompte.testing.LocalStarts;
import ma.moncompte.testing.Load;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Slot-release time: many citizens race for a few seats. */
class BookingConcurrencyTest extends IntegrationTest {

	private record Answer(int status, String body) {
	}

	@Test
	void fiveHundredCitizensRaceForFiveSeats() {
		int racers = 500;
		int capacity = 5;
		UUID slot = this.portal.createSlot(this.portal.loginAgent("FR-MRS"), "FR-MRS", "VISA", LocalStarts.future(), 30,
				capacity);
		List<Citizen> citizens = this.citizens.create(racers);
		WebClient client = Load.client(baseUrl(), racers);

		List<Answer> answers = Flux.fromIterable(citizens)
			.flatMap(citizen -> book(client, citizen.token(), slot, null), racers)
			.collectList()
			.block(Duration.ofMinutes(3));

		assertThat(answers).hasSize(racers);
		assertThat(answers.stream().filter(a -> a.status() == 201)).hasSize(capacity);
		List<Answer> refused = answers.stream().filter(a -> a.status() != 201).toList();
		assertThat(refused).hasSize(racers - capacity).allSatisfy(answer -> {
			assertThat(answer.status()).isEqualTo(409);
			assertThat(answer.body()).contains("/problems/slot-full");
		});
		assertThat(count("SELECT booked AS n FROM slots WHERE id = :slot", slot)).isEqualTo(capacity);
		assertThat(count("SELECT count(*) AS n FROM appointments WHERE slot_id = :slot AND status = 'BOOKED'", slot))
			.isEqualTo(capacity);
		assertThat(count("""
				SELECT count(*) AS n FROM event_log
				WHERE type = 'appointment.booked' AND payload->>'slotId' = CAST(:slot AS text)""", slot))
			.isEqualTo(capacity);
	}

	@Test
	void concurrentRetriesWithOneIdempotencyKeyCreateOneAppointment() {
		UUID slot = this.portal.createSlot(this.portal.loginAgent("FR-MRS"), "FR-MRS", "LEGALIZATION",
				LocalStarts.future(), 15, 10);
		Citizen citizen = this.citizens.create();
		String key = UUID.randomUUID().toString();
		WebClient client = Load.client(baseUrl(), 100);

		List<Answer> answers = Flux.range(0, 100)
			.flatMap(i -> book(client, citizen.token(), slot, key), 100)
			.collectList()
			.block(Duration.ofMinutes(2));

		assertThat(answers).extracting(Answer::status).containsOnly(201);
		assertThat(answers).extracting(Answer::body).containsOnly(answers.get(0).body());
		assertThat(count("SELECT count(*) AS n FROM appointments WHERE account_id = :slot", citizen.id())).isEqualTo(1);
		assertThat(count("SELECT booked AS n FROM slots WHERE id = :slot", slot)).isEqualTo(1);

		// The same key for another request is refused, and nothing is booked.
		UUID otherSlot = this.portal.createSlot(this.portal.loginAgent("FR-MRS"), "FR-MRS", "LEGALIZATION",
				LocalStarts.future(), 15, 10);
		Answer reused = book(client, citizen.token(), otherSlot, key).block();
		assertThat(reused.status()).isEqualTo(422);
		assertThat(reused.body()).contains("/problems/idempotency-key-reused");
		assertThat(count("SELECT booked AS n FROM slots WHERE id = :slot", otherSlot)).isZero();
	}

	@Test
	void aRefusalIsReplayedToo() {
		UUID slot = this.portal.createSlot(this.portal.loginAgent("FR-MRS"), "FR-MRS", "POWER_OF_ATTORNEY",
				LocalStarts.future(), 30, 1);
		Citizen first = this.citizens.create();
		Citizen second = this.citizens.create();
		WebClient client = Load.client(baseUrl(), 4);
		assertThat(book(client, first.token(), slot, null).block().status()).isEqualTo(201);
		String key = UUID.randomUUID().toString();
		Answer refused = book(client, second.token(), slot, key).block();
		assertThat(refused.status()).isEqualTo(409);
		// Even once the seat is free again, the retry gets the original answer.
		this.db.sql("UPDATE slots SET booked = 0 WHERE id = :id").bind("id", slot).then().block();
		assertThat(book(client, second.token(), slot, key).block()).isEqualTo(refused);
	}

	private static Mono<Answer> book(WebClient client, String token, UUID slot, String idempotencyKey) {
		return client.post()
			.uri("/api/v1/me/appointments")
			.headers(h -> {
				h.set(HttpHeaders.AUTHORIZATION, "Bearer " + token);
				if (idempotencyKey != null) {
					h.set("Idempotency-Key", idempotencyKey);
				}
			})
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("slotId", slot.toString()))
			.exchangeToMono(response -> response.bodyToMono(String.class)
				.defaultIfEmpty("")
				.map(body -> new Answer(response.statusCode().value(), body)));
	}

	private long count(String sql, UUID id) {
		return this.db.sql(sql).bind("slot", id).map((row, meta) -> ((Number) row.get("n")).longValue()).one().block();
	}

}
