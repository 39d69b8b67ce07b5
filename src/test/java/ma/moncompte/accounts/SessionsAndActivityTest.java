package ma.moncompte.accounts;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import java.util.concurrent.atomic.AtomicBoolean;

import ma.moncompte.testing.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.Disposable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Listing and revoking sessions, idle and absolute expiry, and the append-only activity log. */
class SessionsAndActivityTest extends IntegrationTest {

	private final JsonMapper json = JsonMapper.builder().build();

	private AccountFixtures fixtures;

	@BeforeEach
	void setUp() {
		this.fixtures = new AccountFixtures(this.db);
	}

	@Test
	void listRevokeOneAndRevokeAllOthers() {
		AccountFixtures.Citizen citizen = this.fixtures.citizen("sessions");
		SecurityApi laptop = new SecurityApi(http(), "10.1.1.1");
		SecurityApi phone = new SecurityApi(http(), "10.2.2.2");
		String first = laptop.session(citizen.email(), citizen.password());
		String second = phone.session(citizen.email(), citizen.password());
		String third = phone.session(citizen.email(), citizen.password());

		JsonNode sessions = read(laptop.get("/api/v1/me/sessions", first).expectStatus().isOk());
		assertThat(sessions.size()).isEqualTo(3);
		List<String> ips = new ArrayList<>();
		sessions.forEach(s -> ips.add(s.get("ipAddress").asString()));
		assertThat(ips).containsExactlyInAnyOrder("10.1.1.1", "10.2.2.2", "10.2.2.2");
		JsonNode current = null;
		for (JsonNode s : sessions) {
			assertThat(s.get("userAgent").asString()).isEqualTo("AccountSecurityTest/1.0");
			assertThat(s.get("createdAt").asString()).isNotBlank();
			assertThat(s.get("lastSeenAt").asString()).isNotBlank();
			if (s.get("current").asBoolean()) {
				current = s;
			}
		}
		assertThat(current.get("ipAddress").asString()).isEqualTo("10.1.1.1");

		UUID secondId = sessionIdOf(second);
		laptop.delete("/api/v1/me/sessions/" + secondId, first).expectStatus().isNoContent();
		phone.get("/api/v1/me", second).expectStatus().isUnauthorized();
		phone.get("/api/v1/me", third).expectStatus().isOk();
		// Someone else's session id is unknown, like a made-up one.
		AccountFixtures.Citizen stranger = this.fixtures.citizen("stranger");
		String strangerToken = laptop.session(stranger.email(), stranger.password());
		laptop.delete("/api/v1/me/sessions/" + sessionIdOf(third), strangerToken).expectStatus().isNotFound();
		laptop.delete("/api/v1/me/sessions/" + UUID.randomUUID(), first).expectStatus().isNotFound();
		phone.get("/api/v1/me", third).expectStatus().isOk();

		JsonNode revoked = read(laptop.delete("/api/v1/me/sessions", first).expectStatus().isOk());
		assertThat(revoked.get("revoked").asInt()).isEqualTo(1);
		phone.get("/api/v1/me", third).expectStatus().isUnauthorized();
		laptop.get("/api/v1/me", first).expectStatus().isOk();
		assertThat(read(laptop.get("/api/v1/me/sessions", first).expectStatus().isOk()).size()).isEqualTo(1);

		List<String> activity = new ArrayList<>();
		read(laptop.get("/api/v1/me/activity", first).expectStatus().isOk()).forEach(e -> activity.add(e.get("type").asString()));
		assertThat(activity).startsWith("session.others-revoked", "session.revoked");
		assertThat(activity.stream().filter("login.succeeded"::equals).count()).isEqualTo(3);
	}

	@Test
	void sessionsEndAfterIdleTimeoutAndAtTheirAbsoluteExpiry() {
		AccountFixtures.Citizen citizen = this.fixtures.citizen("expiry");
		SecurityApi api = new SecurityApi(http(), AccountFixtures.newIp());
		String idle = api.session(citizen.email(), citizen.password());
		String old = api.session(citizen.email(), citizen.password());
		String active = api.session(citizen.email(), citizen.password());

		// Idle for 31 minutes (the default idle timeout is 30): gone, although far from its absolute expiry.
		this.db.sql("UPDATE sessions SET last_seen_at = now() - interval '31 minutes' WHERE id = :id")
			.bind("id", sessionIdOf(idle)).then().block();
		api.get("/api/v1/me", idle).expectStatus().isUnauthorized();
		// Active, but past its absolute lifetime: gone.
		this.db.sql("UPDATE sessions SET expires_at = now() - interval '1 second' WHERE id = :id")
			.bind("id", sessionIdOf(old)).then().block();
		api.get("/api/v1/me", old).expectStatus().isUnauthorized();

		// Activity keeps a session alive, with at most one write a minute.
		UUID activeId = sessionIdOf(active);
		this.db.sql("UPDATE sessions SET last_seen_at = now() - interval '29 minutes' WHERE id = :id")
			.bind("id", activeId).then().block();
		api.get("/api/v1/me", active).expectStatus().isOk();
		OffsetDateTime touched = lastSeen(activeId);
		assertThat(Duration.between(touched, OffsetDateTime.now()).abs()).isLessThan(Duration.ofSeconds(30));
		api.get("/api/v1/me", active).expectStatus().isOk();
		api.get("/api/v1/me/sessions", active).expectStatus().isOk();
		assertThat(lastSeen(activeId)).isEqualTo(touched);
		this.db.sql("UPDATE sessions SET last_seen_at = now() - interval '90 seconds' WHERE id = :id")
			.bind("id", activeId).then().block();
		api.get("/api/v1/me", active).expectStatus().isOk();
		assertThat(Duration.between(lastSeen(activeId), OffsetDateTime.now()).abs()).isLessThan(Duration.ofSeconds(30));
	}

	@Test
	void aLiveEventStreamEndsWhenItsSessionIsRevoked() {
		AccountFixtures.Citizen citizen = this.fixtures.citizen("stream");
		SecurityApi api = new SecurityApi(http(), AccountFixtures.newIp());
		String watching = api.session(citizen.email(), citizen.password());
		String revoking = api.session(citizen.email(), citizen.password());
		AtomicBoolean connected = new AtomicBoolean();
		AtomicBoolean ended = new AtomicBoolean();
		Disposable stream = this.portal.webClient().get().uri("/api/v1/me/events")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + watching)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.retrieve()
			// The stream opens with a comment: with ServerSentEvent, comments are elements too.
			.bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() {
			})
			.doOnNext(event -> connected.set(true))
			.doFinally(signal -> ended.set(true))
			.subscribe(chunk -> { }, error -> { });
		try {
			await().atMost(Duration.ofSeconds(20)).untilTrue(connected);
			// Alive sessions keep their streams through several checks (2 s apart in the dev stack).
			await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(8)).untilFalse(ended);
			api.delete("/api/v1/me/sessions/" + sessionIdOf(watching), revoking).expectStatus().isNoContent();
			await().atMost(Duration.ofSeconds(15)).untilTrue(ended);
		}
		finally {
			stream.dispose();
		}
	}

	@Test
	void theActivityLogIsAppendOnlyAndShowsFailuresToItsOwner() {
		AccountFixtures.Citizen citizen = this.fixtures.citizen("activity");
		SecurityApi api = new SecurityApi(http(), "10.9.8.7");
		api.login(citizen.email(), "a wrong password here").expectStatus().isUnauthorized();
		String token = api.session(citizen.email(), citizen.password());

		JsonNode entries = read(api.get("/api/v1/me/activity", token).expectStatus().isOk());
		assertThat(entries.get(0).get("type").asString()).isEqualTo("login.succeeded");
		assertThat(entries.get(1).get("type").asString()).isEqualTo("login.failed");
		assertThat(entries.get(1).get("ipAddress").asString()).isEqualTo("10.9.8.7");
		assertThat(entries.get(1).get("details").get("factor").asString()).isEqualTo("password");
		assertThat(read(api.get("/api/v1/me/activity?limit=1", token).expectStatus().isOk()).size()).isEqualTo(1);
		long newest = entries.get(0).get("id").asLong();
		assertThat(read(api.get("/api/v1/me/activity?before=" + newest, token).expectStatus().isOk()).get(0).get("type")
			.asString()).isEqualTo("login.failed");
		api.get("/api/v1/me/activity?limit=0", token).expectStatus().isBadRequest();

		// The database itself refuses to rewrite or delete history.
		assertThatThrownBy(() -> this.db.sql("UPDATE account_activity SET type = 'nothing' WHERE account_id = :id")
			.bind("id", citizen.id()).then().block()).hasMessageContaining("append-only");
		assertThatThrownBy(() -> this.db.sql("DELETE FROM account_activity WHERE account_id = :id")
			.bind("id", citizen.id()).then().block()).hasMessageContaining("append-only");
		assertThat(read(api.get("/api/v1/me/activity", token).expectStatus().isOk()).size()).isEqualTo(entries.size());
	}

	private UUID sessionIdOf(String token) {
		return this.db.sql("SELECT id FROM sessions WHERE token_hash = :hash")
			.bind("hash", ma.moncompte.support.SecureTokens.sha256(token))
			.map((row, meta) -> row.get("id", UUID.class))
			.one()
			.block();
	}

	private OffsetDateTime lastSeen(UUID sessionId) {
		return this.db.sql("SELECT last_seen_at FROM sessions WHERE id = :id").bind("id", sessionId)
			.map((row, meta) -> row.get("last_seen_at", OffsetDateTime.class)).one().block();
	}

	private JsonNode read(WebTestClient.ResponseSpec response) {
		return this.json.readTree(response.expectBody(String.class).returnResult().getResponseBody());
	}

}
