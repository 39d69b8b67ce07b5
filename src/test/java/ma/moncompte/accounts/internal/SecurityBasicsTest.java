package ma.moncompte.accounts.internal;

import java.util.Map;
import java.util.UUID;

import ma.moncompte.testing.Citizens.Citizen;
import ma.moncompte.testing.IntegrationTest;
import ma.moncompte.testing.LocalStarts;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;

import static org.assertj.core.api.Assertions.assertThat;

class SecurityBasicsTest extends IntegrationTest {

	@Test
	void meRoutesNeedASession() {
		for (String path : new String[] { "/api/v1/me", "/api/v1/me/appointments", "/api/v1/me/events" }) {
			http().get().uri(path).exchange().expectStatus().isUnauthorized()
				.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody().jsonPath("$.type").isEqualTo("https://moncompte.example/problems/unauthenticated");
		}
		http().get().uri("/api/v1/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + "x".repeat(43)).exchange()
			.expectStatus().isUnauthorized();
		http().get().uri("/api/v1/me").header(HttpHeaders.AUTHORIZATION, "Basic YTpi").exchange()
			.expectStatus().isUnauthorized();
	}

	@Test
	void anotherCitizensAppointmentIsNotFound() {
		String agent = this.portal.loginAgent("ES-MAD");
		UUID slot = this.portal.createSlot(agent, "ES-MAD", "PASSPORT", LocalStarts.future(), 20, 2);
		Citizen owner = this.citizens.create();
		Citizen intruder = this.citizens.create();
		String id = this.portal.book(owner.token(), slot).expectStatus().isCreated().expectBody(Map.class)
			.returnResult().getResponseBody().get("id").toString();

		http().get().uri("/api/v1/me/appointments/{id}", id).header(HttpHeaders.AUTHORIZATION, "Bearer " + intruder.token())
			.exchange().expectStatus().isNotFound();
		http().delete().uri("/api/v1/me/appointments/{id}", id).header(HttpHeaders.AUTHORIZATION, "Bearer " + intruder.token())
			.exchange().expectStatus().isNotFound();
		http().get().uri("/api/v1/me/appointments").header(HttpHeaders.AUTHORIZATION, "Bearer " + intruder.token())
			.exchange().expectStatus().isOk().expectBody().jsonPath("$.length()").isEqualTo(0);
		http().get().uri("/api/v1/me/appointments/{id}", id).header(HttpHeaders.AUTHORIZATION, "Bearer " + owner.token())
			.exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("BOOKED");
	}

	@Test
	void agentsActOnlyForTheirOwnPost() {
		String madrid = this.portal.loginAgent("ES-MAD");
		String barcelona = this.portal.loginAgent("ES-BCN");
		UUID slot = this.portal.createSlot(madrid, "ES-MAD", "VISA", LocalStarts.future(), 30, 2);
		Citizen citizen = this.citizens.create();
		UUID id = UUID.fromString(this.portal.book(citizen.token(), slot).expectStatus().isCreated()
			.expectBody(Map.class).returnResult().getResponseBody().get("id").toString());

		this.portal.setStatus(barcelona, id, "CHECKED_IN").expectStatus().isForbidden()
			.expectBody().jsonPath("$.type").isEqualTo("https://moncompte.example/problems/other-consulate");
		http().post().uri("/api/v1/agent/consulates/ES-MAD/slots").header(HttpHeaders.AUTHORIZATION, "Bearer " + barcelona)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("service", "VISA", "start", LocalStarts.future(), "durationMinutes", 30, "capacity", 1))
			.exchange().expectStatus().isForbidden();
		http().get().uri("/api/v1/agent/consulates/ES-MAD/appointments").header(HttpHeaders.AUTHORIZATION, "Bearer " + barcelona)
			.exchange().expectStatus().isForbidden();
		// A citizen is no agent at all; an admin acts for every post.
		this.portal.setStatus(citizen.token(), id, "CHECKED_IN").expectStatus().isForbidden();
		this.portal.setStatus(this.portal.loginAdmin(), id, "CHECKED_IN").expectStatus().isOk();
		this.portal.setStatus(madrid, id, "COMPLETED").expectStatus().isOk();
	}

	@Test
	void cookieSessionsNeedTheCsrfTokenForWritesButBearerDoesNot() {
		Citizen citizen = this.citizens.create();
		String agent = this.portal.loginAgent("ES-MAD");
		UUID slot = this.portal.createSlot(agent, "ES-MAD", "LIFE_CERTIFICATE", LocalStarts.future(), 10, 3);
		Map<String, String> body = Map.of("slotId", slot.toString());

		http().post().uri("/api/v1/me/appointments").cookie("MC_SESSION", citizen.token())
			.contentType(MediaType.APPLICATION_JSON).bodyValue(body)
			.exchange().expectStatus().isForbidden()
			.expectBody().jsonPath("$.type").isEqualTo("https://moncompte.example/problems/csrf-token-invalid");

		ResponseCookie xsrf = http().get().uri("/api/v1/me").cookie("MC_SESSION", citizen.token()).exchange()
			.expectStatus().isOk().returnResult(String.class).getResponseCookies().getFirst("XSRF-TOKEN");
		assertThat(xsrf).isNotNull();
		assertThat(xsrf.isHttpOnly()).isFalse();
		http().post().uri("/api/v1/me/appointments").cookie("MC_SESSION", citizen.token())
			.cookie("XSRF-TOKEN", xsrf.getValue()).header("X-XSRF-TOKEN", "forged")
			.contentType(MediaType.APPLICATION_JSON).bodyValue(body)
			.exchange().expectStatus().isForbidden();
		http().post().uri("/api/v1/me/appointments").cookie("MC_SESSION", citizen.token())
			.cookie("XSRF-TOKEN", xsrf.getValue()).header("X-XSRF-TOKEN", xsrf.getValue())
			.contentType(MediaType.APPLICATION_JSON).bodyValue(body)
			.exchange().expectStatus().isCreated();
		// Reading with the cookie works without a CSRF token; so does the event stream (EventSource).
		http().get().uri("/api/v1/me/appointments").cookie("MC_SESSION", citizen.token()).exchange()
			.expectStatus().isOk();
	}

	@Test
	void loggingOutRevokesTheSessionEverywhere() {
		Citizen citizen = this.citizens.create();
		http().delete().uri("/api/v1/sessions/current").header(HttpHeaders.AUTHORIZATION, "Bearer " + citizen.token())
			.exchange().expectStatus().isNoContent()
			.expectHeader().value(HttpHeaders.SET_COOKIE, cookie -> assertThat(cookie).contains("MC_SESSION=").contains("Max-Age=0"));
		http().get().uri("/api/v1/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + citizen.token()).exchange()
			.expectStatus().isUnauthorized();
		assertThat(this.db.sql("SELECT count(*) AS n FROM sessions WHERE account_id = :a AND revoked_at IS NOT NULL")
			.bind("a", citizen.id()).map((row, meta) -> row.get("n", Long.class)).one().block()).isEqualTo(1);
	}

}
