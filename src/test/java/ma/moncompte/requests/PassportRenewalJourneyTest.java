package ma.moncompte.requests;

import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.mail.internet.MimeMessage;
import ma.moncompte.testing.Citizens.Citizen;
import ma.moncompte.testing.IntegrationTest;
import ma.moncompte.testing.Mailbox;
import ma.moncompte.testing.SseRecorder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.codec.ServerSentEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A passport renewal end to end over HTTP: draft, form, uploads, submission, payment on the sandbox's
 * hosted page with its signed callback, review with a request for more information, approval and an
 * appointment offered in a held seat, which the citizen confirms. The live stream and the mailbox see
 * every step.
 */
class PassportRenewalJourneyTest extends IntegrationTest {

	private final JsonMapper json = JsonMapper.builder().build();

	private RequestsApi api;

	@BeforeEach
	void api() {
		this.api = new RequestsApi(this.portal);
	}

	@Test
	void renewAPassportFromDraftToConfirmedAppointment() throws Exception {
		Citizen citizen = this.citizens.create();
		String token = citizen.token();
		String agent = this.portal.loginAgent("FR-PAR");

		try (SseRecorder stream = SseRecorder.open(this.portal, token)) {
			// A draft with part of the form; the rest comes later, the server keeps it meanwhile.
			JsonNode draft = this.api.read(this.api
				.create(token, "PASSPORT_RENEWAL", "FR-PAR", Map.of("birthDate", "1988-04-12", "heightCm", 172))
				.expectStatus().isCreated());
			UUID id = UUID.fromString(draft.get("id").asString());
			String reference = draft.get("reference").asString();
			assertThat(reference).matches("DEM-[0-9A-Z]{4}-[0-9A-Z]{4}");
			assertThat(draft.get("status").asString()).isEqualTo("DRAFT");
			assertThat(draft.get("fee").get("amountMinor").asLong()).isEqualTo(5000);
			assertThat(draft.get("fee").get("currency").asString()).isEqualTo("EUR");

			JsonNode patched = this.api.ok(this.api.patch(token, id, RequestsApi.PASSPORT_RENEWAL_FIELDS));
			assertThat(patched.get("fields").get("currentPassportNumber").asString()).isEqualTo("AB1234567");
			assertThat(patched.get("fields").get("heightCm").asInt()).isEqualTo(172);
			assertThat(names(patched.get("checklist").get("missingFields"))).isEmpty();
			assertThat(names(patched.get("checklist").get("missingDocuments"))).containsExactly("PHOTO", "OLD_PASSPORT");

			byte[] photo = TestFiles.png(600, 800);
			JsonNode uploadedPhoto = this.api.read(this.api.upload(token, id, "PHOTO", "photo.png", "image/png", photo)
				.expectStatus().isCreated());
			assertThat(uploadedPhoto.get("contentType").asString()).isEqualTo("image/png");
			assertThat(uploadedPhoto.get("width").asInt()).isEqualTo(600);
			assertThat(uploadedPhoto.get("height").asInt()).isEqualTo(800);
			assertThat(uploadedPhoto.get("sizeBytes").asLong()).isEqualTo(photo.length);
			assertThat(uploadedPhoto.get("sha256").asString()).isEqualTo(sha256(photo));

			byte[] passport = TestFiles.pdf("passeport AB1234567");
			JsonNode uploadedPassport = this.api.read(this.api
				.upload(token, id, "OLD_PASSPORT", "passeport.pdf", "application/pdf", passport).expectStatus().isCreated());
			assertThat(uploadedPassport.get("contentType").asString()).isEqualTo("application/pdf");

			// The owner downloads exactly what was uploaded.
			byte[] downloaded = this.api.http().get()
				.uri("/api/v1/me/requests/{id}/documents/{doc}", id, uploadedPhoto.get("id").asString())
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
				.expectStatus().isOk()
				.expectHeader().contentType("image/png")
				.expectBody(byte[].class).returnResult().getResponseBody();
			assertThat(downloaded).isEqualTo(photo);

			JsonNode submitted = this.api.ok(this.api.submit(token, id));
			assertThat(submitted.get("status").asString()).isEqualTo("SUBMITTED");

			// Pay on the sandbox's hosted page.
			JsonNode payment = this.api.read(this.api.pay(token, id, UUID.randomUUID().toString()).expectStatus().isCreated());
			assertThat(payment.get("status").asString()).isEqualTo("PENDING");
			assertThat(payment.get("amountMinor").asLong()).isEqualTo(5000);
			assertThat(payment.get("currency").asString()).isEqualTo("EUR");
			String redirectUrl = payment.get("redirectUrl").asString();
			assertThat(redirectUrl).startsWith("http://localhost:8080/sandbox/pay/");
			assertThat(this.api.ok(this.api.get(token, id)).get("status").asString()).isEqualTo("PAYMENT_PENDING");

			String page = this.api.http().get().uri(RequestsApi.sandboxPath(redirectUrl)).exchange()
				.expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
			assertThat(page).contains("50.00 EUR").contains(reference).contains("/approve");

			this.api.http().post().uri(RequestsApi.sandboxPath(redirectUrl) + "/approve").exchange()
				.expectStatus().isEqualTo(HttpStatus.SEE_OTHER)
				.expectHeader().valueEquals(HttpHeaders.LOCATION, "http://localhost:8080/#requests/" + id)
				.expectHeader().valueEquals("Sandbox-Callback-Status", "200");

			JsonNode paid = this.api.ok(this.api.get(token, id));
			assertThat(paid.get("status").asString()).isEqualTo("UNDER_REVIEW");
			assertThat(transitions(paid)).containsExactly("DRAFT>SUBMITTED", "SUBMITTED>PAYMENT_PENDING",
					"PAYMENT_PENDING>PAID", "PAID>UNDER_REVIEW");
			JsonNode history = this.api.ok(this.api.http().get().uri("/api/v1/me/payments")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange());
			assertThat(history).hasSize(1);
			String receipt = history.get(0).get("receiptNumber").asString();
			assertThat(receipt).matches("RCP-" + LocalDate.now(ZoneId.of("UTC")).getYear() + "-\\d{8}");
			assertThat(history.get(0).get("status").asString()).isEqualTo("SUCCEEDED");
			assertThat(history.get(0).get("amountMinor").asLong()).isEqualTo(5000);
			assertThat(history.get(0).get("currency").asString()).isEqualTo("EUR");
			assertThat(history.get(0).get("subject").get("reference").asString()).isEqualTo(reference);

			// The post reviews it and asks for a proof of address.
			JsonNode queue = this.api.ok(this.api.http().get()
				.uri("/api/v1/agent/consulates/FR-PAR/requests?status=UNDER_REVIEW&type=PASSPORT_RENEWAL&size=100")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + agent).exchange());
			assertThat(queue.get("items").valueStream().map(item -> item.get("id").asString())).contains(id.toString());
			JsonNode seen = this.api.ok(this.api.http().get().uri("/api/v1/agent/requests/{id}", id)
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + agent).exchange());
			assertThat(seen.get("citizen").get("email").asString()).isEqualTo(citizen.email());
			assertThat(seen.get("documents")).hasSize(2);
			this.api.http().get().uri("/api/v1/agent/requests/{id}/documents/{doc}", id, uploadedPassport.get("id").asString())
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + agent).exchange()
				.expectStatus().isOk().expectBody(byte[].class).isEqualTo(passport);

			String question = "Merci de joindre un justificatif de domicile récent.";
			assertThat(this.api.ok(this.api.transition(agent, id, "ADDITIONAL_INFO_REQUIRED", question, null))
				.get("status").asString()).isEqualTo("ADDITIONAL_INFO_REQUIRED");

			JsonNode asked = this.api.ok(this.api.get(token, id));
			assertThat(asked.get("statusMessage").asString()).isEqualTo(question);
			this.api.upload(token, id, "PROOF_OF_RESIDENCE", "facture.jpg", "image/jpeg", TestFiles.jpeg(800, 1100))
				.expectStatus().isCreated();
			this.api.ok(this.api.patch(token, id, Map.of("birthPlace", "Fès-Médina")));
			JsonNode answered = this.api.ok(this.api.post(token, "/api/v1/me/requests/{id}/respond",
					Map.of("message", "Facture d'électricité jointe."), id));
			assertThat(answered.get("status").asString()).isEqualTo("UNDER_REVIEW");

			assertThat(this.api.ok(this.api.transition(agent, id, "APPROVED", null, null)).get("status").asString())
				.isEqualTo("APPROVED");

			// An appointment for the biometrics, in a seat held for this citizen.
			LocalDate day = LocalDate.now(ZoneId.of("Europe/Paris")).plusDays(ThreadLocalRandom.current().nextInt(20, 60));
			String start = day + "T17:" + String.format("%02d", ThreadLocalRandom.current().nextInt(0, 60));
			UUID slot = this.portal.createSlot(agent, "FR-PAR", "PASSPORT", start, 20, 2);
			JsonNode offered = this.api.ok(this.api.transition(agent, id, "APPOINTMENT_OFFERED", null, slot));
			assertThat(offered.get("status").asString()).isEqualTo("APPOINTMENT_OFFERED");
			assertThat(offered.get("appointment").get("start").asString()).startsWith(start);
			assertThat(offered.get("appointment").get("confirmed").asBoolean()).isFalse();
			assertThat(bookedSeats(slot)).isEqualTo(1);

			JsonNode confirmed = this.api.ok(this.api.post(token, "/api/v1/me/requests/{id}/appointment/confirm", null, id));
			assertThat(confirmed.get("appointment").get("confirmed").asBoolean()).isTrue();
			String appointmentReference = confirmed.get("appointment").get("appointmentReference").asString();
			assertThat(appointmentReference).matches("RDV-[0-9A-Z]{4}-[0-9A-Z]{4}");
			JsonNode appointments = this.api.ok(this.api.http().get().uri("/api/v1/me/appointments")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange());
			assertThat(appointments.get(0).get("reference").asString()).isEqualTo(appointmentReference);
			assertThat(appointments.get(0).get("status").asString()).isEqualTo("BOOKED");
			// The held seat became the appointment's: still one seat taken.
			assertThat(bookedSeats(slot)).isEqualTo(1);

			List<String> expectedStatuses = List.of("SUBMITTED", "PAYMENT_PENDING", "PAID", "UNDER_REVIEW",
					"ADDITIONAL_INFO_REQUIRED", "UNDER_REVIEW", "APPROVED", "APPOINTMENT_OFFERED");
			stream.awaitCount(expectedStatuses.size() + 2, Duration.ofSeconds(30));
			List<ServerSentEvent<String>> events = stream.events();
			assertThat(events.stream().map(ServerSentEvent::event))
				// The payment's verdict and the request's two moves commit together; the payment's event is its last write.
				.containsExactly("request.status-changed", "request.status-changed", "request.status-changed",
						"request.status-changed", "payment.succeeded", "request.status-changed",
						"request.status-changed", "request.status-changed", "request.status-changed",
						"appointment.booked");
			assertThat(events.stream().filter(e -> e.event().equals("request.status-changed"))
				.map(e -> this.json.readTree(e.data()).get("status").asString())).containsExactlyElementsOf(expectedStatuses);
			JsonNode paidEvent = this.json.readTree(events.get(4).data());
			assertThat(paidEvent.get("receiptNumber").asString()).isEqualTo(receipt);
			JsonNode askedEvent = this.json.readTree(events.get(5).data());
			assertThat(askedEvent.get("message").asString()).isEqualTo(question);
			assertThat(askedEvent.get("reference").asString()).isEqualTo(reference);
			assertThat(askedEvent.get("previousStatus").asString()).isEqualTo("UNDER_REVIEW");
			assertThat(events.stream().map(e -> Long.parseLong(e.id()))).isSorted();

			// One mail per transition, in French, each naming the request.
			Mailbox mailbox = new Mailbox(stack().mail());
			mailbox.awaitMessage(citizen.email(), expectedStatuses.size());
			List<MimeMessage> mails = mailbox.messagesTo(citizen.email());
			assertThat(mails).hasSize(expectedStatuses.size());
			// The outbox does not promise an order between mails queued close together, so compare as a set.
			assertThat(mails.stream().map(RequestsJourneys::subject)).containsExactlyInAnyOrder(
					"Demande " + reference + " reçue – Mon Compte",
					"Demande " + reference + " : paiement en cours – Mon Compte",
					"Demande " + reference + " : paiement reçu – Mon Compte",
					"Demande " + reference + " en cours d'examen – Mon Compte",
					"Demande " + reference + " : informations complémentaires nécessaires – Mon Compte",
					"Demande " + reference + " en cours d'examen – Mon Compte",
					"Demande " + reference + " validée – Mon Compte",
					"Demande " + reference + " : un rendez-vous vous est proposé – Mon Compte");
			String paidMail = mails.stream().filter(m -> RequestsJourneys.subject(m).contains("paiement reçu"))
				.map(Mailbox::text).findFirst().orElseThrow();
			assertThat(paidMail).contains(receipt).contains("50.00 EUR");
			String askedMail = mails.stream().filter(m -> RequestsJourneys.subject(m).contains("informations complémentaires"))
				.map(Mailbox::text).findFirst().orElseThrow();
			assertThat(askedMail).contains(question);
		}
	}

	private int bookedSeats(UUID slot) {
		return this.db.sql("SELECT booked FROM slots WHERE id = :id").bind("id", slot)
			.map((row, meta) -> row.get("booked", Integer.class)).one().block();
	}

	private static List<String> transitions(JsonNode request) {
		return request.get("history").valueStream()
			.map(h -> h.get("from").asString() + ">" + h.get("to").asString())
			.toList();
	}

	private static List<String> names(JsonNode array) {
		return array.valueStream().map(JsonNode::asString).toList();
	}

	static String sha256(byte[] bytes) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
	}

}
