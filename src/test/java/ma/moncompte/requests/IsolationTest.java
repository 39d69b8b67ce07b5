package ma.moncompte.requests;

import java.util.Map;
import java.util.UUID;

import ma.moncompte.testing.Citizens.Citizen;
import ma.moncompte.testing.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Citizens see only their own requests, documents and payments; agents act only for their own post. */
class IsolationTest extends IntegrationTest {

	private RequestsApi api;

	private Citizen owner;

	private Citizen other;

	private UUID request;

	private String documentId;

	private String paymentId;

	@BeforeEach
	void ownersRequest() {
		this.api = new RequestsApi(this.portal);
		this.owner = this.citizens.create();
		this.other = this.citizens.create();
		this.request = this.api.submittedPassportRenewal(this.owner.token(), "FR-PAR");
		JsonNode view = this.api.ok(this.api.get(this.owner.token(), this.request));
		this.documentId = view.get("documents").get(0).get("id").asString();
		this.paymentId = this.api.read(this.api.pay(this.owner.token(), this.request, UUID.randomUUID().toString())
			.expectStatus().isCreated()).get("id").asString();
	}

	@Test
	void anotherCitizensRequestDocumentsAndPaymentsDoNotExist() {
		String stranger = this.other.token();
		expectNotFound(this.api.get(stranger, this.request));
		expectNotFound(this.api.patch(stranger, this.request, Map.of("birthPlace", "Tanger")));
		expectNotFound(this.api.submit(stranger, this.request));
		expectNotFound(this.api.post(stranger, "/api/v1/me/requests/{id}/withdraw", null, this.request));
		expectNotFound(this.api.post(stranger, "/api/v1/me/requests/{id}/respond", Map.of("message", "x"), this.request));
		expectNotFound(this.api.post(stranger, "/api/v1/me/requests/{id}/appointment/confirm", null, this.request));
		expectNotFound(this.api.pay(stranger, this.request, UUID.randomUUID().toString()));
		expectNotFound(this.api.upload(stranger, this.request, "PHOTO", "p.png", "image/png", TestFiles.png(500, 600)));
		expectNotFound(this.api.http().get().uri("/api/v1/me/requests/{id}/documents/{doc}", this.request, this.documentId)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + stranger).exchange());
		expectNotFound(this.api.http().delete().uri("/api/v1/me/requests/{id}/documents/{doc}", this.request, this.documentId)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + stranger).exchange());
		expectNotFound(this.api.http().get().uri("/api/v1/me/payments/{id}", this.paymentId)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + stranger).exchange());

		// The stranger's own document id does not open the owner's request either.
		UUID mine = this.api.createDraft(stranger, "PASSPORT_RENEWAL", "FR-PAR", Map.of());
		expectNotFound(this.api.http().get().uri("/api/v1/me/requests/{id}/documents/{doc}", mine, this.documentId)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + stranger).exchange());

		JsonNode list = this.api.ok(this.api.http().get().uri("/api/v1/me/requests")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + stranger).exchange());
		assertThat(list.valueStream().map(r -> r.get("id").asString())).containsExactly(mine.toString());
		assertThat(this.api.ok(this.api.http().get().uri("/api/v1/me/payments")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + stranger).exchange())).isEmpty();

		// The owner still has everything, untouched.
		JsonNode own = this.api.ok(this.api.get(this.owner.token(), this.request));
		assertThat(own.get("status").asString()).isEqualTo("PAYMENT_PENDING");
		assertThat(own.get("documents")).hasSize(2);
		assertThat(this.api.ok(this.api.http().get().uri("/api/v1/me/payments/{id}", this.paymentId)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.owner.token()).exchange()).get("status").asString())
			.isEqualTo("PENDING");
	}

	@Test
	void agentsActOnlyForTheirOwnPost() {
		String madrid = this.portal.loginAgent("ES-MAD");
		String paris = this.portal.loginAgent("FR-PAR");
		expectForbidden(this.api.http().get().uri("/api/v1/agent/requests/{id}", this.request)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + madrid).exchange());
		expectForbidden(this.api.transition(madrid, this.request, "REJECTED", "Pas chez nous.", null));
		expectForbidden(this.api.http().get().uri("/api/v1/agent/requests/{id}/documents/{doc}", this.request, this.documentId)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + madrid).exchange());
		expectForbidden(this.api.http().get().uri("/api/v1/agent/consulates/FR-PAR/requests")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + madrid).exchange());
		JsonNode madridQueue = this.api.ok(this.api.http().get().uri("/api/v1/agent/consulates/ES-MAD/requests?size=100")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + madrid).exchange());
		assertThat(madridQueue.get("items").valueStream().map(r -> r.get("consulate").asString())).allMatch("ES-MAD"::equals);
		this.api.http().get().uri("/api/v1/agent/consulates/XX-NOPE/requests")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + madrid).exchange().expectStatus().isNotFound();

		// The request's own post can, and so can an admin.
		this.api.http().get().uri("/api/v1/agent/requests/{id}/documents/{doc}", this.request, this.documentId)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + paris).exchange().expectStatus().isOk();
		this.api.http().get().uri("/api/v1/agent/requests/{id}", this.request)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.portal.loginAdmin()).exchange().expectStatus().isOk();

		// Drafts belong to their citizen alone.
		UUID draft = this.api.createDraft(this.owner.token(), "CNIE", "FR-PAR", Map.of());
		expectNotFound(this.api.http().get().uri("/api/v1/agent/requests/{id}", draft)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + paris).exchange());
		expectNotFound(this.api.transition(paris, draft, "APPROVED", null, null));
		JsonNode parisQueue = this.api.ok(this.api.http().get().uri("/api/v1/agent/consulates/FR-PAR/requests?size=100&status=DRAFT")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + paris).exchange());
		assertThat(parisQueue.get("totalItems").asLong()).isZero();

		// Citizens have no back office, and nobody anonymous has anything.
		expectForbidden(this.api.http().get().uri("/api/v1/agent/requests/{id}", this.request)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.owner.token()).exchange());
		this.api.http().get().uri("/api/v1/me/requests").exchange().expectStatus().isUnauthorized();
		this.api.http().get().uri("/api/v1/me/payments").exchange().expectStatus().isUnauthorized();
		this.api.http().get().uri("/sandbox/pay/not-a-checkout").exchange().expectStatus().isNotFound();
	}

	private static void expectNotFound(WebTestClient.ResponseSpec response) {
		response.expectStatus().isNotFound().expectHeader().contentType("application/problem+json");
	}

	private static void expectForbidden(WebTestClient.ResponseSpec response) {
		response.expectStatus().isEqualTo(HttpStatus.FORBIDDEN).expectHeader().contentType("application/problem+json");
	}

}
