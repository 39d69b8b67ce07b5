package ma.moncompte.requests;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import ma.moncompte.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;

/** The back-office queue of one post (Liège, which no other test uses): oldest submission first. */
class AgentQueueTest extends IntegrationTest {

	@Test
	void oldestFirstPaginatedAndFiltered() {
		RequestsApi api = new RequestsApi(this.portal);
		String agent = this.portal.loginAgent("BE-LGG");
		String citizen = this.citizens.create().token();
		Map<String, Object> legalization = Map.of("documentType", "DIPLOMA", "documentCount", 1, "destinationCountry", "BE");
		UUID first = draft(api, citizen, legalization);
		UUID second = draft(api, citizen, legalization);
		UUID third = draft(api, citizen, legalization);
		UUID fourth = draft(api, citizen, legalization);
		UUID stillDraft = draft(api, citizen, legalization);
		// Submitted in another order than created: the queue follows submission.
		for (UUID id : List.of(third, first, fourth, second)) {
			api.ok(api.submit(citizen, id));
		}
		JsonNode payment = api.read(api.pay(citizen, fourth, UUID.randomUUID().toString()).expectStatus().isCreated());
		api.http().post().uri(RequestsApi.sandboxPath(payment.get("redirectUrl").asString()) + "/approve").exchange()
			.expectStatus().isEqualTo(HttpStatus.SEE_OTHER);

		JsonNode all = queue(api, agent, "");
		assertThat(ids(all)).containsExactly(third.toString(), first.toString(), fourth.toString(), second.toString());
		assertThat(ids(all)).doesNotContain(stillDraft.toString());
		assertThat(all.get("totalItems").asLong()).isEqualTo(4);

		JsonNode page0 = queue(api, agent, "size=3&page=0");
		JsonNode page1 = queue(api, agent, "size=3&page=1");
		assertThat(ids(page0)).containsExactly(third.toString(), first.toString(), fourth.toString());
		assertThat(ids(page1)).containsExactly(second.toString());
		assertThat(page0.get("totalPages").asLong()).isEqualTo(2);
		assertThat(ids(queue(api, agent, "size=3&page=2"))).isEmpty();

		assertThat(ids(queue(api, agent, "status=UNDER_REVIEW"))).containsExactly(fourth.toString());
		assertThat(ids(queue(api, agent, "status=submitted"))).containsExactly(third.toString(), first.toString(),
				second.toString());
		assertThat(ids(queue(api, agent, "type=LEGALIZATION&status=SUBMITTED&size=1"))).containsExactly(third.toString());
		assertThat(ids(queue(api, agent, "type=VISA"))).isEmpty();

		for (String bad : List.of("status=LOST", "type=NOPE", "size=0", "size=1000", "page=-1", "size=abc")) {
			api.http().get().uri("/api/v1/agent/consulates/BE-LGG/requests?" + bad)
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + agent).exchange()
				.expectStatus().isBadRequest();
		}
	}

	private static UUID draft(RequestsApi api, String citizen, Map<String, Object> fields) {
		UUID id = api.createDraft(citizen, "LEGALIZATION", "BE-LGG", fields);
		api.upload(citizen, id, "DOCUMENT_TO_LEGALIZE", "diplome.pdf", "application/pdf", TestFiles.pdf("diplôme " + id))
			.expectStatus().isCreated();
		api.upload(citizen, id, "CNIE_COPY", "cnie.jpg", "image/jpeg", TestFiles.jpeg(500, 320)).expectStatus().isCreated();
		return id;
	}

	private static JsonNode queue(RequestsApi api, String agent, String query) {
		return api.ok(api.http().get().uri("/api/v1/agent/consulates/BE-LGG/requests?" + query)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + agent).exchange());
	}

	private static List<String> ids(JsonNode page) {
		return page.get("items").valueStream().map(item -> item.get("id").asString()).toList();
	}

}
