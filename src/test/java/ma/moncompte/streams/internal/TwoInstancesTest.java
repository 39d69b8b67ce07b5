package ma.moncompte.streams.internal;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import ma.moncompte.testing.Citizens.Citizen;
import ma.moncompte.testing.IntegrationTest;
import ma.moncompte.testing.LocalStarts;
import ma.moncompte.testing.Portal;
import ma.moncompte.testing.SecondInstance;
import ma.moncompte.testing.SseRecorder;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.codec.ServerSentEvent;

import static org.assertj.core.api.Assertions.assertThat;

/** Two instances share PostgreSQL and Kafka; a browser may be connected to either. */
class TwoInstancesTest extends IntegrationTest {

	@Test
	void aChangeMadeThroughOneInstanceReachesAStreamOnTheOther() {
		Citizen citizen = this.citizens.create();
		try (SecondInstance other = SecondInstance.start(Map.of())) {
			Portal b = other.portal();
			awaitReady(b);
			// Sessions live in PostgreSQL: instance B accepts the token too.
			b.http().get().uri("/api/v1/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + citizen.token()).exchange()
				.expectStatus().isOk();
			try (SseRecorder onB = SseRecorder.open(b, citizen.token());
					SseRecorder onA = SseRecorder.open(this.portal, citizen.token())) {
				String agent = this.portal.loginAgent("DE-DUS");
				UUID slot = this.portal.createSlot(agent, "DE-DUS", "PASSPORT", LocalStarts.future(), 20, 2);
				Map<?, ?> booked = this.portal.book(citizen.token(), slot).expectStatus().isCreated()
					.expectBody(Map.class).returnResult().getResponseBody();

				ServerSentEvent<String> received = onB.awaitEvent("appointment.booked", Duration.ofSeconds(30));
				assertThat(received.data()).contains(booked.get("reference").toString());

				// And the other way round: an agent acting through B reaches the stream on A.
				String agentOnB = b.loginAgent("DE-DUS");
				b.setStatus(agentOnB, UUID.fromString(booked.get("id").toString()), "CHECKED_IN").expectStatus().isOk();
				ServerSentEvent<String> changed = onA.awaitEvent("appointment.status-changed", Duration.ofSeconds(30));
				assertThat(changed.data()).contains("CHECKED_IN");
				assertThat(onA.types()).containsExactly("appointment.booked", "appointment.status-changed");
				onB.awaitCount(2, Duration.ofSeconds(30));
				assertThat(onB.events()).extracting(ServerSentEvent::id).containsExactlyElementsOf(
						onA.events().stream().map(ServerSentEvent::id).toList());
			}
		}
	}

}
