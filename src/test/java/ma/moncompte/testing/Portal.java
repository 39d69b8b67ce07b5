package ma.moncompte.testing;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import ma.moncompte.devstack.DemoData;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

/** The portal's HTTP API as a client uses it: real HTTP against a running instance. */
public class Portal {

	private final String baseUrl;

	private final WebTestClient http;

	public Portal(String baseUrl) {
		this.baseUrl = baseUrl;
		this.http = WebTestClient.bindToServer().baseUrl(baseUrl).responseTimeout(Duration.ofSeconds(60)).build();
	}

	public String baseUrl() {
		return this.baseUrl;
	}

	public WebTestClient http() {
		return this.http;
	}

	public WebClient webClient() {
		return WebClient.builder().baseUrl(this.baseUrl).build();
	}

	public boolean isReady() {
		try {
			return this.http.get().uri("/actuator/health/readiness").exchange().returnResult(String.class).getStatus()
				.value() == 200;
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	/** Signs in through the API and returns the session token. */
	public String login(String email, String password) {
		Map<?, ?> session = this.http.post()
			.uri("/api/v1/sessions")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", email, "password", password))
			.exchange()
			.expectStatus().isCreated()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		return (String) session.get("token");
	}

	public String loginAgent(String consulateCode) {
		return login(DemoData.agentOf(consulateCode), DemoData.PASSWORD);
	}

	public String loginAdmin() {
		return login(DemoData.ADMIN, DemoData.PASSWORD);
	}

	public WebTestClient.ResponseSpec book(String token, UUID slotId) {
		return this.http.post()
			.uri("/api/v1/me/appointments")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("slotId", slotId.toString()))
			.exchange();
	}

	/** An agent creates a slot; {@code localStart} is the post's local date-time. */
	public UUID createSlot(String agentToken, String consulate, String service, String localStart, int minutes,
			int capacity) {
		Map<?, ?> slot = this.http.post()
			.uri("/api/v1/agent/consulates/{code}/slots", consulate)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + agentToken)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("service", service, "start", localStart, "durationMinutes", minutes, "capacity", capacity))
			.exchange()
			.expectStatus().isEqualTo(HttpStatus.CREATED)
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		return UUID.fromString((String) slot.get("id"));
	}

	public WebTestClient.ResponseSpec setStatus(String agentToken, UUID appointmentId, String status) {
		return this.http.post()
			.uri("/api/v1/agent/appointments/{id}/status", appointmentId)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + agentToken)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("status", status))
			.exchange();
	}

}
