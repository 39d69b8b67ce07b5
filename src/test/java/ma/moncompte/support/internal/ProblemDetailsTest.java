package ma.moncompte.support.internal;

import java.util.Map;

import ma.moncompte.testing.Citizens.Citizen;
import ma.moncompte.testing.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Bad input gets a 4xx problem with a stable type, never a 5xx. */
class ProblemDetailsTest extends IntegrationTest {

	@Test
	void malformedJsonWrongTypesAndMissingFields() {
		Citizen citizen = this.citizens.create();
		post(citizen, "{\"slotId\": ").expectStatus().isBadRequest()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.type").isEqualTo(type("malformed-request"));
		post(citizen, "{\"slotId\": 42}").expectStatus().isBadRequest();
		post(citizen, "{\"slotId\": \"not-a-uuid\"}").expectStatus().isBadRequest()
			.expectBody().jsonPath("$.type").isEqualTo(type("malformed-request"));
		post(citizen, "{}").expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.type").isEqualTo(type("validation-failed"))
			.jsonPath("$.errors[0].field").isEqualTo("slotId");
		post(citizen, "[1,2,3]").expectStatus().isBadRequest();
		http().post().uri("/api/v1/accounts").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"email\": [\"a\"], \"password\": {}}").exchange().expectStatus().isBadRequest();
	}

	@Test
	void oversizedBodiesUnsupportedTypesUnknownRoutesAndMethods() {
		Citizen citizen = this.citizens.create();
		post(citizen, "{\"slotId\": \"" + "9".repeat(100_000) + "\"}").expectStatus().isEqualTo(413)
			.expectBody().jsonPath("$.type").isEqualTo(type("payload-too-large"));
		http().post().uri("/api/v1/accounts").contentType(MediaType.TEXT_PLAIN).bodyValue("hello").exchange()
			.expectStatus().isEqualTo(415)
			.expectBody().jsonPath("$.type").isEqualTo(type("unsupported-media-type"));
		http().get().uri("/api/v1/nothing-here").header(HttpHeaders.AUTHORIZATION, "Bearer " + citizen.token())
			.exchange().expectStatus().isNotFound()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.type").isEqualTo(type("not-found"));
		http().get().uri("/no/such/page").exchange().expectStatus().isNotFound()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
		http().put().uri("/api/v1/consulates").header(HttpHeaders.AUTHORIZATION, "Bearer " + citizen.token())
			.exchange().expectStatus().isEqualTo(405)
			.expectBody().jsonPath("$.type").isEqualTo(type("method-not-allowed"));
		http().get().uri("/api/v1/me/appointments/not-a-uuid").header(HttpHeaders.AUTHORIZATION, "Bearer " + citizen.token())
			.exchange().expectStatus().isBadRequest();
	}

	private WebTestClient.ResponseSpec post(Citizen citizen, String json) {
		return http().post().uri("/api/v1/me/appointments").header(HttpHeaders.AUTHORIZATION, "Bearer " + citizen.token())
			.contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
	}

	private static String type(String slug) {
		return "https://moncompte.example/problems/" + slug;
	}

}
