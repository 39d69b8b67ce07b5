package ma.moncompte.booking.internal;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import ma.moncompte.requests.RequestsApi;
import ma.moncompte.testing.Citizens.Citizen;
import ma.moncompte.testing.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/** Appointments offered in held seats: capacity holds under concurrency, and seats come back. */
class SeatHoldTest extends IntegrationTest {

	private static final java.util.concurrent.atomic.AtomicInteger SLOTS = new java.util.concurrent.atomic.AtomicInteger(
			ThreadLocalRandom.current().nextInt(240));

	@Autowired
	private SeatHoldSweeper sweeper;

	private RequestsApi api;

	private String agent;

	@BeforeEach
	void api() {
		this.api = new RequestsApi(this.portal);
		this.agent = this.portal.loginAgent("IT-ROM");
	}

	@Test
	void twentyOffersForThreeSeatsHoldExactlyThree() {
		UUID slot = slot(3);
		List<Citizen> people = this.citizens.create(20);
		List<UUID> requests = people.stream().map(this::approvedRequest).toList();
		List<Integer> statuses = Flux.fromIterable(requests)
			.flatMap(id -> this.portal.webClient().post().uri("/api/v1/agent/requests/{id}/transitions", id)
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.agent)
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("to", "APPOINTMENT_OFFERED", "slotId", slot.toString()))
				.exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value())), 20)
			.collectList().block(Duration.ofSeconds(60));
		assertThat(statuses.stream().filter(s -> s == 200)).hasSize(3);
		assertThat(statuses.stream().filter(s -> s == 409)).hasSize(17);
		assertThat(booked(slot)).isEqualTo(3);
		assertThat(count("SELECT count(*) AS n FROM seat_holds WHERE slot_id = :id AND status = 'HELD'", slot)).isEqualTo(3);
		// The refused ones are still approved, with no seat: the hold rolled back with the move.
		assertThat(this.db.sql("SELECT count(*) AS n FROM service_requests WHERE id = ANY(:ids) AND status = 'APPROVED' AND seat_hold_id IS NULL")
			.bind("ids", requests.toArray(UUID[]::new)).map((row, meta) -> row.get("n", Long.class)).one().block())
			.isEqualTo(17);
	}

	@Test
	void anExpiredOfferGivesItsSeatBackAndCannotBeConfirmed() {
		UUID slot = slot(1);
		Citizen citizen = this.citizens.create();
		UUID id = approvedRequest(citizen);
		this.api.ok(this.api.transition(this.agent, id, "APPOINTMENT_OFFERED", null, slot));
		assertThat(booked(slot)).isEqualTo(1);

		this.db.sql("UPDATE seat_holds SET expires_at = now() - interval '1 second' WHERE slot_id = :slot")
			.bind("slot", slot).then().block();
		assertThat(this.sweeper.sweep().block()).isGreaterThanOrEqualTo(1);
		assertThat(booked(slot)).isZero();
		this.api.post(citizen.token(), "/api/v1/me/requests/{id}/appointment/confirm", null, id)
			.expectStatus().isEqualTo(409)
			.expectBody().jsonPath("$.type").isEqualTo("https://moncompte.example/problems/offer-expired");

		// The post offers another time; the replaced offer's seat is not given back twice.
		UUID later = slot(1);
		JsonNode reoffered = this.api.ok(this.api.transition(this.agent, id, "APPOINTMENT_OFFERED", null, later));
		assertThat(reoffered.get("status").asString()).isEqualTo("APPOINTMENT_OFFERED");
		assertThat(booked(slot)).isZero();
		assertThat(booked(later)).isEqualTo(1);
		this.api.ok(this.api.post(citizen.token(), "/api/v1/me/requests/{id}/appointment/confirm", null, id));
		assertThat(booked(later)).isEqualTo(1);
		assertThat(count("SELECT count(*) AS n FROM appointments WHERE slot_id = :id AND status = 'BOOKED'", later)).isEqualTo(1);
		// Once confirmed, the offer can no longer be replaced.
		this.api.transition(this.agent, id, "APPOINTMENT_OFFERED", null, slot(1)).expectStatus().isEqualTo(409);
	}

	@Test
	void replacingAnOfferGivesTheFirstSeatBack() {
		UUID first = slot(2);
		UUID second = slot(2);
		Citizen citizen = this.citizens.create();
		UUID id = approvedRequest(citizen);
		this.api.ok(this.api.transition(this.agent, id, "APPOINTMENT_OFFERED", null, first));
		this.api.ok(this.api.transition(this.agent, id, "APPOINTMENT_OFFERED", null, second));
		assertThat(booked(first)).isZero();
		assertThat(booked(second)).isEqualTo(1);
		assertThat(count("SELECT count(*) AS n FROM seat_holds WHERE slot_id = :id AND status = 'RELEASED'", first)).isEqualTo(1);
	}

	/** An approved passport renewal at the Rome post, written straight to the database. */
	private UUID approvedRequest(Citizen citizen) {
		return this.db.sql("""
				INSERT INTO service_requests (reference, account_id, consulate_code, type_code, status, fields, fee_minor,
				                              currency, submitted_at)
				VALUES (:reference, :account, 'IT-ROM', 'PASSPORT_RENEWAL', 'APPROVED', '{}', 5000, 'EUR', now())
				RETURNING id""")
			.bind("reference", ma.moncompte.support.SecureTokens.reference("DEM"))
			.bind("account", citizen.id())
			.map((row, meta) -> row.get("id", UUID.class))
			.one()
			.block();
	}

	/** A distinct evening time for each slot of the run, outside the generated opening hours. */
	private UUID slot(int capacity) {
		int n = SLOTS.getAndIncrement();
		LocalDate day = LocalDate.now(ZoneId.of("Europe/Rome")).plusDays(10 + n / 240);
		String start = day + "T" + (16 + (n / 60) % 4) + ":" + String.format("%02d", n % 60);
		return this.portal.createSlot(this.agent, "IT-ROM", "PASSPORT", start, 20, capacity);
	}

	private int booked(UUID slot) {
		return this.db.sql("SELECT booked FROM slots WHERE id = :id").bind("id", slot)
			.map((row, meta) -> row.get("booked", Integer.class)).one().block();
	}

	private long count(String sql, UUID id) {
		return this.db.sql(sql).bind("id", id).map((row, meta) -> row.get("n", Long.class)).one().block();
	}

}
