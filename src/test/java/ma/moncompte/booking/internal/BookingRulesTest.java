package ma.moncompte.booking.internal;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;

import ma.moncompte.testing.Citizens.Citizen;
import ma.moncompte.testing.IntegrationTest;
import ma.moncompte.testing.LocalStarts;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

class BookingRulesTest extends IntegrationTest {

	@Test
	void oneActiveAppointmentPerServiceAndCancellationReturnsTheSeat() {
		String agent = this.portal.loginAgent("BE-BRU");
		UUID first = this.portal.createSlot(agent, "BE-BRU", "CNIE", LocalStarts.future(), 20, 1);
		UUID second = this.portal.createSlot(agent, "BE-BRU", "CNIE", LocalStarts.future(), 20, 1);
		Citizen citizen = this.citizens.create();

		String id = this.portal.book(citizen.token(), first).expectStatus().isCreated()
			.expectBody(Map.class).returnResult().getResponseBody().get("id").toString();
		this.portal.book(citizen.token(), second).expectStatus().isEqualTo(409)
			.expectBody().jsonPath("$.type").isEqualTo("https://moncompte.example/problems/already-booked");
		assertThat(remaining(first)).isZero();

		http().delete().uri("/api/v1/me/appointments/{id}", id).header(HttpHeaders.AUTHORIZATION, "Bearer " + citizen.token())
			.exchange().expectStatus().isNoContent();
		assertThat(remaining(first)).isEqualTo(1);
		http().get().uri("/api/v1/me/appointments/{id}", id).header(HttpHeaders.AUTHORIZATION, "Bearer " + citizen.token())
			.exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("CANCELLED");
		// Cancelling twice is refused, and the seat is not returned twice.
		http().delete().uri("/api/v1/me/appointments/{id}", id).header(HttpHeaders.AUTHORIZATION, "Bearer " + citizen.token())
			.exchange().expectStatus().isEqualTo(409);
		assertThat(remaining(first)).isEqualTo(1);

		// With the first cancelled, the citizen may book for the service again.
		this.portal.book(citizen.token(), second).expectStatus().isCreated();
		http().get().uri("/api/v1/me/appointments").header(HttpHeaders.AUTHORIZATION, "Bearer " + citizen.token())
			.exchange().expectStatus().isOk().expectBody().jsonPath("$.length()").isEqualTo(2);
	}

	@Test
	void unknownPastAndClosedSlotsAreRefused() {
		Citizen citizen = this.citizens.create();
		this.portal.book(citizen.token(), UUID.randomUUID()).expectStatus().isNotFound()
			.expectBody().jsonPath("$.type").isEqualTo("https://moncompte.example/problems/slot-not-found");

		UUID past = this.db.sql("""
				INSERT INTO slots (consulate_code, service_code, starts_at, ends_at, capacity)
				VALUES ('BE-BRU', 'VISA', now() - interval '2 days', now() - interval '2 days' + interval '30 minutes', 3)
				RETURNING id""").map((row, meta) -> row.get("id", UUID.class)).one().block();
		this.portal.book(citizen.token(), past).expectStatus().isEqualTo(422)
			.expectBody().jsonPath("$.type").isEqualTo("https://moncompte.example/problems/slot-unavailable");

		String agent = this.portal.loginAgent("BE-BRU");
		LocalDateTime start = LocalDateTime.parse(LocalStarts.future());
		UUID closing = this.portal.createSlot(agent, "BE-BRU", "LIFE_CERTIFICATE", start.toString(), 10, 2);
		Citizen booked = this.citizens.create();
		String appointment = this.portal.book(booked.token(), closing).expectStatus().isCreated()
			.expectBody(Map.class).returnResult().getResponseBody().get("id").toString();

		http().post().uri("/api/v1/agent/consulates/BE-BRU/closures").header(HttpHeaders.AUTHORIZATION, "Bearer " + agent)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("date", start.toLocalDate().toString(), "reason", "Travaux"))
			.exchange().expectStatus().isCreated()
			.expectBody().jsonPath("$.cancelledAppointments").isEqualTo(1);
		this.portal.book(citizen.token(), closing).expectStatus().isEqualTo(422);
		http().get().uri("/api/v1/me/appointments/{id}", appointment)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + booked.token())
			.exchange().expectBody().jsonPath("$.status").isEqualTo("CANCELLED_BY_CONSULATE");
		// The closed day no longer lists any slot.
		http().get().uri("/api/v1/consulates/BE-BRU/slots?service=LIFE_CERTIFICATE&from={d}&to={d}", start.toLocalDate(),
				start.toLocalDate())
			.exchange().expectStatus().isOk().expectBody().jsonPath("$.length()").isEqualTo(0);
	}

	@Test
	void agentTransitionsFollowTheLifecycle() {
		String agent = this.portal.loginAgent("BE-ANR");
		UUID slot = this.portal.createSlot(agent, "BE-ANR", "CIVIL_STATUS", LocalStarts.future(), 30, 2);
		Citizen citizen = this.citizens.create();
		UUID id = UUID.fromString(this.portal.book(citizen.token(), slot).expectStatus().isCreated()
			.expectBody(Map.class).returnResult().getResponseBody().get("id").toString());

		this.portal.setStatus(agent, id, "COMPLETED").expectStatus().isEqualTo(409)
			.expectBody().jsonPath("$.type").isEqualTo("https://moncompte.example/problems/illegal-transition");
		this.portal.setStatus(agent, id, "BOOKED").expectStatus().isBadRequest();
		this.portal.setStatus(agent, id, "CHECKED_IN").expectStatus().isOk();
		this.portal.setStatus(agent, id, "CHECKED_IN").expectStatus().isEqualTo(409);
		this.portal.setStatus(agent, id, "NO_SHOW").expectStatus().isEqualTo(409);
		this.portal.setStatus(agent, id, "COMPLETED").expectStatus().isOk().expectBody().jsonPath("$.status")
			.isEqualTo("COMPLETED");
		this.portal.setStatus(agent, UUID.randomUUID(), "CHECKED_IN").expectStatus().isNotFound();

		// The agent's day view lists it, in the post's own offset.
		LocalDate day = LocalDate.parse(http().get().uri("/api/v1/me/appointments/{id}", id)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + citizen.token()).exchange()
			.expectBody(Map.class).returnResult().getResponseBody().get("start").toString().substring(0, 10));
		http().get().uri("/api/v1/agent/consulates/BE-ANR/appointments?date={d}", day)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + agent).exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$[?(@.id == '" + id + "')].status").isEqualTo("COMPLETED");
	}

	@Test
	void slotsAreListedInThePostsOffsetWithRemainingSeats() {
		String agent = this.portal.loginAgent("CA-YTO");
		LocalDateTime start = LocalDateTime.parse(LocalStarts.future());
		UUID slot = this.portal.createSlot(agent, "CA-YTO", "PASSPORT", start.toString(), 20, 4);
		this.portal.book(this.citizens.create().token(), slot).expectStatus().isCreated();
		String expectedStart = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(start.atZone(ZoneId.of("America/Toronto")));
		http().get().uri("/api/v1/consulates/ca-yto/slots?service=passport&from={d}&to={d}", start.toLocalDate(),
				start.toLocalDate())
			.exchange().expectStatus().isOk()
			.expectBody()
			.jsonPath("$[?(@.id == '" + slot + "')].start").isEqualTo(expectedStart)
			.jsonPath("$[?(@.id == '" + slot + "')].remaining").isEqualTo(3)
			.jsonPath("$[?(@.id == '" + slot + "')].capacity").isEqualTo(4);
		http().get().uri("/api/v1/consulates/XX-NOPE/slots?service=PASSPORT").exchange().expectStatus().isNotFound();
		http().get().uri("/api/v1/consulates/CA-YTO/slots?service=NOPE").exchange().expectStatus().isBadRequest();
		http().get().uri("/api/v1/consulates/CA-YTO/slots?service=PASSPORT&from=2027-01-10&to=2027-01-01").exchange()
			.expectStatus().isBadRequest();
		http().get().uri("/api/v1/consulates/CA-YTO/slots?service=PASSPORT&from=yesterday").exchange()
			.expectStatus().isBadRequest();
	}

	private int remaining(UUID slot) {
		return this.db.sql("SELECT capacity - booked AS n FROM slots WHERE id = :id").bind("id", slot)
			.map((row, meta) -> row.get("n", Integer.class)).one().block();
	}

}
