package ma.moncompte.requests;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;
import ma.moncompte.testing.Citizens.Citizen;
import ma.moncompte.testing.IntegrationTest;
import ma.moncompte.testing.Mailbox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/** The request lifecycle's rules: what is refused, with which problem, and that transitions are atomic. */
class RequestLifecycleTest extends IntegrationTest {

	private RequestsApi api;

	private Citizen citizen;

	@BeforeEach
	void api() {
		this.api = new RequestsApi(this.portal);
		this.citizen = this.citizens.create();
	}

	@Test
	void submittingWithMissingDocumentsAndFieldsNamesThem() {
		UUID id = this.api.createDraft(this.citizen.token(), "PASSPORT_RENEWAL", "FR-PAR",
				Map.of("birthDate", "1990-01-01", "heightCm", 180, "renewalReason", "PAGES_FULL"));
		this.api.upload(this.citizen.token(), id, "OLD_PASSPORT", "p.pdf", "application/pdf", TestFiles.pdf("p"))
			.expectStatus().isCreated();
		JsonNode problem = this.api.read(this.api.submit(this.citizen.token(), id).expectStatus().isEqualTo(422)
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON));
		assertThat(problem.get("type").asString()).isEqualTo("https://moncompte.example/problems/request-incomplete");
		assertThat(strings(problem.get("missingDocuments"))).containsExactly("PHOTO");
		assertThat(strings(problem.get("missingFields"))).containsExactly("currentPassportNumber",
				"currentPassportExpiry", "cnieNumber", "birthPlace");
		// Nothing moved.
		assertThat(this.api.ok(this.api.get(this.citizen.token(), id)).get("status").asString()).isEqualTo("DRAFT");
	}

	@Test
	void fieldsAreTypedAndValidatedByTheServer() {
		JsonNode problem = this.api.read(this.api.create(this.citizen.token(), "PASSPORT_RENEWAL", "FR-PAR",
				Map.of("currentPassportNumber", "12-34", "heightCm", "tall", "birthDate", "2999-01-01",
						"renewalReason", "BORED", "shoeSize", 42))
			.expectStatus().isBadRequest());
		assertThat(problem.get("type").asString()).isEqualTo("https://moncompte.example/problems/validation-failed");
		assertThat(problem.get("errors").valueStream().map(e -> e.get("field").asString()))
			.containsExactlyInAnyOrder("currentPassportNumber", "heightCm", "birthDate", "renewalReason", "shoeSize");

		UUID id = this.api.createDraft(this.citizen.token(), "PASSPORT_RENEWAL", "FR-PAR", Map.of("heightCm", 170));
		this.api.patch(this.citizen.token(), id, Map.of("heightCm", 400)).expectStatus().isBadRequest();
		// A null clears a field.
		java.util.Map<String, Object> clear = new java.util.HashMap<>();
		clear.put("heightCm", null);
		JsonNode cleared = this.api.ok(this.api.patch(this.citizen.token(), id, clear));
		assertThat(cleared.get("fields").has("heightCm")).isFalse();

		this.api.create(this.citizen.token(), "FLYING_LICENCE", "FR-PAR", Map.of()).expectStatus().isBadRequest()
			.expectBody().jsonPath("$.type").isEqualTo("https://moncompte.example/problems/unknown-request-type");
		this.api.create(this.citizen.token(), "PASSPORT_RENEWAL", "XX-NOPE", Map.of()).expectStatus().isBadRequest();
		// Tunis issues no visas: Tunisians need none for Morocco.
		this.api.create(this.citizen.token(), "VISA", "TN-TUN", Map.of()).expectStatus().isEqualTo(422)
			.expectBody().jsonPath("$.type").isEqualTo("https://moncompte.example/problems/not-offered");
		// Malformed JSON is a client error, never a 5xx.
		this.api.http().post().uri("/api/v1/me/requests").header(HttpHeaders.AUTHORIZATION, "Bearer " + this.citizen.token())
			.contentType(MediaType.APPLICATION_JSON).bodyValue("{\"type\": ").exchange().expectStatus().isBadRequest();
	}

	@Test
	void illegalTransitionsAreConflicts() {
		String agent = this.portal.loginAgent("FR-PAR");
		UUID id = this.api.submittedPassportRenewal(this.citizen.token(), "FR-PAR");

		// Submitted twice.
		expectIllegal(this.api.submit(this.citizen.token(), id), "SUBMITTED", "SUBMITTED");
		// Edited after submission.
		this.api.patch(this.citizen.token(), id, Map.of("birthPlace", "Rabat")).expectStatus().isEqualTo(HttpStatus.CONFLICT)
			.expectBody().jsonPath("$.type").isEqualTo("https://moncompte.example/problems/request-not-editable");
		// Approved before it was paid and reviewed.
		expectIllegal(this.api.transition(agent, id, "APPROVED", null, null), "SUBMITTED", "APPROVED");
		// Completed before anything happened.
		expectIllegal(this.api.transition(agent, id, "COMPLETED", null, null), "SUBMITTED", "COMPLETED");
		// An answer nobody asked for.
		expectIllegal(this.api.post(this.citizen.token(), "/api/v1/me/requests/{id}/respond", Map.of("message", "?"), id),
				"SUBMITTED", "UNDER_REVIEW");

		// Agents cannot set statuses that belong to the citizen or the payment.
		this.api.transition(agent, id, "PAID", null, null).expectStatus().isBadRequest()
			.expectBody().jsonPath("$.type").isEqualTo("https://moncompte.example/problems/invalid-transition-target");
		this.api.transition(agent, id, "NOT_A_STATUS", null, null).expectStatus().isBadRequest();

		JsonNode payment = this.api.read(this.api.pay(this.citizen.token(), id, UUID.randomUUID().toString()).expectStatus().isCreated());
		this.api.http().post().uri(RequestsApi.sandboxPath(payment.get("redirectUrl").asString()) + "/approve").exchange()
			.expectStatus().isEqualTo(HttpStatus.SEE_OTHER);

		// A rejection and a request for information must say why.
		this.api.transition(agent, id, "REJECTED", "  ", null).expectStatus().isBadRequest()
			.expectBody().jsonPath("$.type").isEqualTo("https://moncompte.example/problems/message-required");
		this.api.transition(agent, id, "ADDITIONAL_INFO_REQUIRED", null, null).expectStatus().isBadRequest();
		// Not approved yet, so not ready either; once approved, an appointment needs its slot.
		expectIllegal(this.api.transition(agent, id, "READY_FOR_COLLECTION", null, null), "UNDER_REVIEW",
				"READY_FOR_COLLECTION");
		assertThat(this.api.ok(this.api.transition(agent, id, "APPROVED", null, null)).get("status").asString())
			.isEqualTo("APPROVED");
		this.api.transition(agent, id, "APPOINTMENT_OFFERED", null, null).expectStatus().isBadRequest()
			.expectBody().jsonPath("$.type").isEqualTo("https://moncompte.example/problems/slot-required");
		// Too late to withdraw once approved.
		expectIllegal(this.api.post(this.citizen.token(), "/api/v1/me/requests/{id}/withdraw", null, id), "APPROVED",
				"WITHDRAWN");
		// An unknown slot, or one of another service, is refused and holds nothing.
		this.api.transition(agent, id, "APPOINTMENT_OFFERED", null, UUID.randomUUID()).expectStatus().isEqualTo(422);
		UUID visaSlot = this.portal.createSlot(agent, "FR-PAR", "VISA", java.time.LocalDate.now().plusDays(45) + "T16:"
				+ String.format("%02d", java.util.concurrent.ThreadLocalRandom.current().nextInt(60)), 30, 1);
		this.api.transition(agent, id, "APPOINTMENT_OFFERED", null, visaSlot).expectStatus().isEqualTo(422)
			.expectBody().jsonPath("$.type").isEqualTo("https://moncompte.example/problems/slot-mismatch");
		assertThat(this.api.ok(this.api.get(this.citizen.token(), id)).get("status").asString()).isEqualTo("APPROVED");
	}

	@Test
	void aTransitionHappensOnceUnderConcurrency() {
		String agent = this.portal.loginAgent("FR-PAR");
		UUID id = this.api.submittedPassportRenewal(this.citizen.token(), "FR-PAR");
		JsonNode payment = this.api.read(this.api.pay(this.citizen.token(), id, UUID.randomUUID().toString()).expectStatus().isCreated());
		this.api.http().post().uri(RequestsApi.sandboxPath(payment.get("redirectUrl").asString()) + "/approve").exchange()
			.expectStatus().isEqualTo(HttpStatus.SEE_OTHER);

		List<Integer> statuses = Flux.range(0, 50)
			.flatMap(i -> this.portal.webClient().post().uri("/api/v1/agent/requests/{id}/transitions", id)
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + agent)
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(i % 2 == 0 ? Map.of("to", "APPROVED") : Map.of("to", "REJECTED", "message", "Photo floue."))
				.exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value())), 50)
			.collectList().block(Duration.ofSeconds(60));
		assertThat(statuses.stream().filter(s -> s == 200)).hasSize(1);
		assertThat(statuses.stream().filter(s -> s == 409)).hasSize(49);
		assertThat(this.db.sql("""
				SELECT count(*) AS n FROM service_request_history
				WHERE request_id = :id AND to_status IN ('APPROVED', 'REJECTED')""")
			.bind("id", id).map((row, meta) -> row.get("n", Long.class)).one().block()).isEqualTo(1);
		assertThat(this.db.sql("""
				SELECT count(*) AS n FROM event_log
				WHERE type = 'request.status-changed' AND payload ->> 'requestId' = :id
				  AND payload ->> 'status' IN ('APPROVED', 'REJECTED')""")
			.bind("id", id.toString()).map((row, meta) -> row.get("n", Long.class)).one().block()).isEqualTo(1);
	}

	@Test
	void mailsAreWrittenInTheCitizensLanguage() throws Exception {
		this.db.sql("UPDATE accounts SET preferred_language = 'ar' WHERE id = :id").bind("id", this.citizen.id())
			.then().block();
		Citizen arabic = this.citizen;
		UUID id = this.api.createDraft(arabic.token(), "BIRTH_CERTIFICATE", "BE-BRU", Map.of());
		String reference = this.api.ok(this.api.get(arabic.token(), id)).get("reference").asString();
		JsonNode withdrawn = this.api.ok(this.api.post(arabic.token(), "/api/v1/me/requests/{id}/withdraw", null, id));
		assertThat(withdrawn.get("status").asString()).isEqualTo("WITHDRAWN");
		MimeMessage mail = new Mailbox(stack().mail()).awaitMessage(arabic.email(), 1);
		assertThat(mail.getSubject()).isEqualTo("سحب الطلب " + reference + " – حسابي");
		assertThat(Mailbox.html(mail)).contains("dir=\"rtl\"").contains("نسخة أو موجز من عقد الازدياد");
	}

	@Test
	void requestTypesDescribeFormsFeesAndTargetsPerPost() {
		JsonNode all = this.api.ok(this.api.http().get().uri("/api/v1/request-types").exchange());
		assertThat(all.valueStream().map(t -> t.get("code").asString())).containsExactly("PASSPORT_RENEWAL",
				"PASSPORT_FIRST", "CNIE", "BIRTH_CERTIFICATE", "MARRIAGE_CERTIFICATE", "BIRTH_TRANSCRIPTION",
				"CONSULAR_REGISTRATION", "LEGALIZATION", "VISA");
		JsonNode renewal = all.get(0);
		assertThat(renewal.get("fees").get("EUR").asLong()).isEqualTo(5000);
		assertThat(renewal.get("fees").get("TND").asLong()).isEqualTo(160000);
		assertThat(renewal.get("appointmentFollows").asBoolean()).isTrue();
		assertThat(renewal.get("targetDays").asInt()).isEqualTo(15);
		JsonNode number = renewal.get("fields").valueStream()
			.filter(f -> f.get("name").asString().equals("currentPassportNumber")).findFirst().orElseThrow();
		assertThat(number.get("type").asString()).isEqualTo("TEXT");
		assertThat(number.get("required").asBoolean()).isTrue();
		assertThat(number.get("pattern").asString()).isEqualTo("^[A-Z]{1,2}[0-9]{6,7}$");
		JsonNode photo = renewal.get("documents").get(0);
		assertThat(photo.get("kind").asString()).isEqualTo("PHOTO");
		assertThat(strings(photo.get("accepts"))).containsExactly("image/jpeg", "image/png");
		assertThat(photo.get("minWidth").asInt()).isEqualTo(413);
		assertThat(photo.get("maxBytes").asLong()).isEqualTo(5L * 1024 * 1024);

		// At one post: its currency, its overrides, only what it offers.
		JsonNode paris = this.api.ok(this.api.http().get().uri("/api/v1/request-types?consulate=FR-PAR").exchange());
		assertThat(paris.get(0).get("fee").get("amountMinor").asLong()).isEqualTo(5000);
		assertThat(paris.get(0).get("fee").get("currency").asString()).isEqualTo("EUR");
		assertThat(paris.get(0).get("targetDays").asInt()).isEqualTo(10);
		assertThat(paris.get(0).has("fees")).isFalse();
		JsonNode london = this.api.ok(this.api.http().get().uri("/api/v1/request-types?consulate=GB-LON").exchange());
		JsonNode legalization = london.valueStream().filter(t -> t.get("code").asString().equals("LEGALIZATION"))
			.findFirst().orElseThrow();
		assertThat(legalization.get("fee").get("amountMinor").asLong()).isEqualTo(1200);
		assertThat(legalization.get("fee").get("currency").asString()).isEqualTo("GBP");
		JsonNode tunis = this.api.ok(this.api.http().get().uri("/api/v1/request-types?consulate=TN-TUN").exchange());
		assertThat(tunis.valueStream().map(t -> t.get("code").asString())).doesNotContain("VISA").contains("CNIE");

		// In Arabic.
		JsonNode arabic = this.api.ok(this.api.http().get().uri("/api/v1/request-types")
			.header(HttpHeaders.ACCEPT_LANGUAGE, "ar-MA,ar;q=0.9").exchange());
		assertThat(arabic.get(0).get("name").asString()).isEqualTo("تجديد جواز السفر البيومتري");
		this.api.http().get().uri("/api/v1/request-types?consulate=XX-NOPE").exchange().expectStatus().isNotFound();
	}

	private static void expectIllegal(org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec response,
			String current, String target) {
		response.expectStatus().isEqualTo(HttpStatus.CONFLICT)
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type").isEqualTo("https://moncompte.example/problems/illegal-transition")
			.jsonPath("$.currentStatus").isEqualTo(current)
			.jsonPath("$.targetStatus").isEqualTo(target);
	}

	private static List<String> strings(JsonNode array) {
		return array.valueStream().map(JsonNode::asString).toList();
	}

}
