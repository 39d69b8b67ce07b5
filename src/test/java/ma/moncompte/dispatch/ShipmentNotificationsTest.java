package ma.moncompte.dispatch;

import java.time.Duration;
import java.time.Instant;

import jakarta.mail.internet.MimeMessage;
import ma.moncompte.testing.Citizens;
import ma.moncompte.testing.Mailbox;
import ma.moncompte.testing.SseRecorder;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.codec.ServerSentEvent;

import static org.assertj.core.api.Assertions.assertThat;

/** Applied updates reach the citizen live (SSE via the event log and Kafka) and, before arrival, by mail. */
class ShipmentNotificationsTest extends DispatchTest {

	@Test
	void theCitizensStreamReceivesShipmentStatusChanged() {
		CourierSigner courier = newCourier();
		Citizens.Citizen citizen = this.citizens.create();
		String tracking = trackingNumber();
		String reference = createShipment(this.agent, PARIS, citizen, courier, tracking).get("reference").asString();

		try (SseRecorder stream = SseRecorder.open(this.portal, citizen.token())) {
			Instant at = Instant.now().minusSeconds(45).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
			deliver(courier, courier.sign(update(tracking, "IN_TRANSIT", at, "Orly hub"))).expectStatus().isOk();

			ServerSentEvent<String> event = stream.awaitEvent("shipment.status-changed", Duration.ofSeconds(20));
			JsonNode payload = this.json.readTree(event.data());
			assertThat(payload.get("reference").asString()).isEqualTo(reference);
			assertThat(payload.get("status").asString()).isEqualTo("IN_TRANSIT");
			assertThat(payload.get("previousStatus").asString()).isEqualTo("LABEL_CREATED");
			assertThat(payload.get("statusChanged").asBoolean()).isTrue();
			assertThat(payload.get("trackingNumber").asString()).isEqualTo(tracking);
			assertThat(payload.get("checkpoint").get("location").asString()).isEqualTo("Orly hub");
			assertThat(Instant.parse(payload.get("checkpoint").get("occurredAt").asString())).isEqualTo(at);
		}
	}

	@Test
	void outForDeliverySendsOnePreArrivalMailInTheCitizensLanguage() throws Exception {
		CourierSigner courier = newCourier();
		Citizens.Citizen citizen = this.citizens.create();
		speaks(citizen, "ar");
		String tracking = trackingNumber();
		String reference = createShipment(this.agent, PARIS, citizen, courier, tracking).get("reference").asString();
		Instant base = Instant.now().minusSeconds(3600);

		deliver(courier, courier.sign(update(tracking, "OUT_FOR_DELIVERY", base, "Paris 15e"))).expectStatus().isOk();
		MimeMessage mail = new Mailbox(stack().mail()).awaitMessage(citizen.email(), 1);
		assertThat(mail.getSubject()).isEqualTo("شحنتك " + reference + " في طريقها إليك – حسابي");
		String text = Mailbox.text(mail);
		assertThat(text).contains("Passeport biométrique").contains(reference).contains(tracking).contains("Paris 15e");
		assertThat(Mailbox.html(mail)).contains("dir=\"rtl\"").contains("lang=\"ar\"");

		// Nothing new to announce: a repeat of the same status, or a late one after delivery.
		deliver(courier, courier.sign(update(tracking, "OUT_FOR_DELIVERY", base.plusSeconds(60), null))).expectStatus().isOk();
		deliver(courier, courier.sign(update(tracking, "DELIVERED", base.plusSeconds(600), null))).expectStatus().isOk();
		deliver(courier, courier.sign(update(tracking, "AVAILABLE_FOR_PICKUP", base.plusSeconds(300), null))).expectStatus().isOk();
		// The outbox row commits with the webhook, so once the webhook is answered the count is final.
		assertThat(queuedMailsTo(citizen.email())).isEqualTo(1);
	}

	@Test
	void availableForPickupIsAnnouncedInEnglishToAnEnglishSpeaker() throws Exception {
		CourierSigner courier = newCourier();
		Citizens.Citizen citizen = this.citizens.create();
		speaks(citizen, "en");
		String tracking = trackingNumber();
		String reference = createShipment(this.agent, PARIS, citizen, courier, tracking).get("reference").asString();

		deliver(courier, courier.sign(update(tracking, "AVAILABLE_FOR_PICKUP", Instant.now().minusSeconds(10), "Relais Colis Bastille")))
			.expectStatus().isOk();
		MimeMessage mail = new Mailbox(stack().mail()).awaitMessage(citizen.email(), 1);
		assertThat(mail.getSubject()).isEqualTo("Your shipment " + reference + " is ready for pickup – Mon Compte");
		assertThat(Mailbox.text(mail)).contains("Hello Test,").contains("Relais Colis Bastille");
		assertThat(Mailbox.html(mail)).contains("dir=\"ltr\"");
	}

	private void speaks(Citizens.Citizen citizen, String language) {
		this.db.sql("UPDATE accounts SET preferred_language = :lang WHERE id = :id")
			.bind("lang", language).bind("id", citizen.id()).then().block();
	}

	private long queuedMailsTo(String email) {
		return this.db.sql("SELECT count(*) AS n FROM mail_outbox WHERE recipient = :to").bind("to", email)
			.map((row, meta) -> row.get("n", Long.class)).one().block();
	}

}
