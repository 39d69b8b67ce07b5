package ma.moncompte.streams.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ma.moncompte.testing.Citizens.Citizen;
import ma.moncompte.testing.IntegrationTest;
import ma.moncompte.testing.LocalStarts;
import ma.moncompte.testing.SseRecorder;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.codec.ServerSentEvent;

import static org.assertj.core.api.Assertions.assertThat;

/** A browser that lost its connection resumes with Last-Event-ID: no gap, no duplicate, in order. */
class StreamResumeTest extends IntegrationTest {

	@org.springframework.beans.factory.annotation.Autowired
	private LiveEventHub hub;

	@Test
	void reconnectingReplaysExactlyTheMissedEventsThenContinuesLive() {
		Citizen citizen = this.citizens.create();
		String agent = this.portal.loginAgent("NL-AMS");
		String lastSeen;
		try (SseRecorder stream = SseRecorder.open(this.portal, citizen.token())) {
			UUID first = book(citizen, agent, "PASSPORT");
			lastSeen = stream.awaitEvent("appointment.booked", Duration.ofSeconds(20)).id();
			assertThat(first).isNotNull();
		}

		// Offline: three changes.
		UUID second = book(citizen, agent, "CNIE");
		this.portal.setStatus(agent, second, "CHECKED_IN").expectStatus().isOk();
		UUID third = book(citizen, agent, "VISA");
		List<Long> missed = eventIdsAfter(citizen.id(), Long.parseLong(lastSeen));
		assertThat(missed).hasSize(3);

		try (SseRecorder resumed = SseRecorder.resume(this.portal, citizen.token(), lastSeen)) {
			resumed.awaitCount(3, Duration.ofSeconds(20));
			this.portal.setStatus(agent, third, "NO_SHOW").expectStatus().isOk();
			resumed.awaitCount(4, Duration.ofSeconds(20));
			List<Long> ids = resumed.events().stream().map(ServerSentEvent::id).map(Long::parseLong).toList();
			List<Long> expected = eventIdsAfter(citizen.id(), Long.parseLong(lastSeen));
			assertThat(ids).containsExactlyElementsOf(expected).hasSize(4).isSorted().doesNotHaveDuplicates();
			assertThat(resumed.types()).containsExactly("appointment.booked", "appointment.status-changed",
					"appointment.booked", "appointment.status-changed");
		}
	}

	@Test
	void theQueryParameterWorksForEventSourceAndBadIdsAreRefused() {
		Citizen citizen = this.citizens.create();
		String agent = this.portal.loginAgent("NL-AMS");
		book(citizen, agent, "LEGALIZATION");
		List<Long> all = eventIdsAfter(citizen.id(), 0);
		try (SseRecorder stream = SseRecorder.resumeByQuery(this.portal, citizen.token(), "0")) {
			stream.awaitCount(1, Duration.ofSeconds(20));
			assertThat(stream.events()).extracting(ServerSentEvent::id).map(Long::parseLong).containsExactlyElementsOf(all);
		}
		this.http().get().uri("/api/v1/me/events?lastEventId=abc")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + citizen.token())
			.exchange().expectStatus().isBadRequest();
	}

	@Test
	void aCitizenSeesOnlyTheirOwnEvents() {
		Citizen watcher = this.citizens.create();
		Citizen other = this.citizens.create();
		String agent = this.portal.loginAgent("NL-AMS");
		try (SseRecorder stream = SseRecorder.resume(this.portal, watcher.token(), "0")) {
			book(other, agent, "PASSPORT");
			book(watcher, agent, "PASSPORT");
			stream.awaitCount(1, Duration.ofSeconds(20));
			assertThat(stream.events()).extracting(ServerSentEvent::id).map(Long::parseLong)
				.containsExactlyElementsOf(eventIdsAfter(watcher.id(), 0));
		}
	}

	@Test
	void closedConnectionsAreReleased() {
		Citizen citizen = this.citizens.create();
		// Streams of earlier tests are closed by now, or about to be.
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> this.hub.openStreams() == 0);
		int before = 0;
		SseRecorder stream = SseRecorder.open(this.portal, citizen.token());
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> this.hub.openStreams() == before + 1);
		stream.close();
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> this.hub.openStreams() == before);
	}

	private UUID book(Citizen citizen, String agent, String service) {
		UUID slot = this.portal.createSlot(agent, "NL-AMS", service,
				LocalStarts.future(), 20, 5);
		Map<?, ?> appointment = this.portal.book(citizen.token(), slot).expectStatus().isCreated()
			.expectBody(Map.class).returnResult().getResponseBody();
		return UUID.fromString(appointment.get("id").toString());
	}

	private List<Long> eventIdsAfter(UUID account, long after) {
		return this.db.sql("SELECT id FROM event_log WHERE account_id = :a AND id > :after ORDER BY id")
			.bind("a", account).bind("after", after)
			.map((row, meta) -> row.get("id", Long.class)).all().collectList().block();
	}

}
