package ma.moncompte;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ma.moncompte.testing.IntegrationTest;
import ma.moncompte.testing.Mailbox;
import ma.moncompte.testing.SseRecorder;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.codec.ServerSentEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A citizen's whole first visit, over HTTP, with mail read from the real SMTP server. */
class BookingJourneyTest extends IntegrationTest {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void registerConfirmLoginBookAndWatchCheckInLive() {
		String email = "amina." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
		String password = "un long mot de passe pour le consulat";

		http().post().uri("/api/v1/accounts").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", email.toUpperCase(), "password", password, "firstName", "Amina", "lastName",
					"Bennani", "preferredLanguage", "fr"))
			.exchange()
			.expectStatus().isAccepted();

		String token = new Mailbox(stack().mail()).awaitToken(email, 1);
		http().post().uri("/api/v1/accounts/verify").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("token", token)).exchange().expectStatus().isNoContent();
		// Single use.
		http().post().uri("/api/v1/accounts/verify").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("token", token)).exchange().expectStatus().isBadRequest()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);

		var login = http().post().uri("/api/v1/sessions").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", email, "password", password))
			.exchange()
			.expectStatus().isCreated()
			.expectBody(Map.class).returnResult();
		String session = (String) login.getResponseBody().get("token");
		assertThat(session).hasSizeGreaterThanOrEqualTo(43);
		ResponseCookie cookie = login.getResponseCookies().getFirst("MC_SESSION");
		assertThat(cookie.getValue()).isEqualTo(session);
		assertThat(cookie.isHttpOnly()).isTrue();
		assertThat(cookie.getSameSite()).isEqualTo("Lax");

		http().get().uri("/api/v1/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + session).exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.email").isEqualTo(email)
			.jsonPath("$.firstName").isEqualTo("Amina")
			.jsonPath("$.preferredLanguage").isEqualTo("fr")
			.jsonPath("$.roles[0]").isEqualTo("CITIZEN");

		JsonNode slot = firstFreeGeneratedSlot("FR-PAR", "PASSPORT");

		try (SseRecorder stream = SseRecorder.open(this.portal, session)) {
			JsonNode appointment = this.json.readTree(this.portal.book(session, UUID.fromString(slot.get("id").asString()))
				.expectStatus().isCreated()
				.expectBody(String.class).returnResult().getResponseBody());
			assertThat(appointment.get("status").asString()).isEqualTo("BOOKED");
			assertThat(appointment.get("reference").asString()).matches("RDV-[0-9A-Z]{4}-[0-9A-Z]{4}");
			assertThat(appointment.get("consulate").asString()).isEqualTo("FR-PAR");
			assertThat(appointment.get("start").asString()).isEqualTo(slot.get("start").asString());

			ServerSentEvent<String> booked = stream.awaitEvent("appointment.booked", Duration.ofSeconds(20));
			assertThat(this.json.readTree(booked.data()).get("reference").asString())
				.isEqualTo(appointment.get("reference").asString());

			String agent = this.portal.loginAgent("FR-PAR");
			this.portal.setStatus(agent, UUID.fromString(appointment.get("id").asString()), "CHECKED_IN")
				.expectStatus().isOk()
				.expectBody().jsonPath("$.status").isEqualTo("CHECKED_IN");

			ServerSentEvent<String> changed = stream.awaitEvent("appointment.status-changed", Duration.ofSeconds(20));
			JsonNode change = this.json.readTree(changed.data());
			assertThat(change.get("status").asString()).isEqualTo("CHECKED_IN");
			assertThat(change.get("previousStatus").asString()).isEqualTo("BOOKED");
			assertThat(Long.parseLong(changed.id())).isGreaterThan(Long.parseLong(booked.id()));
			assertThat(stream.types()).containsExactly("appointment.booked", "appointment.status-changed");
		}

		List<String> logged = this.db.sql("SELECT type FROM event_log e JOIN accounts a ON a.id = e.account_id WHERE a.email = :email ORDER BY e.id")
			.bind("email", email).map((row, meta) -> row.get("type", String.class)).all().collectList().block();
		assertThat(logged).containsExactly("appointment.booked", "appointment.status-changed");
	}

	private JsonNode firstFreeGeneratedSlot(String consulate, String service) {
		return await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
			String body = http().get().uri("/api/v1/consulates/{c}/slots?service={s}", consulate, service).exchange()
				.expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
			for (JsonNode slot : this.json.readTree(body)) {
				if (slot.get("remaining").asInt() > 0) {
					return slot;
				}
			}
			return null;
		}, slot -> slot != null);
	}

}
