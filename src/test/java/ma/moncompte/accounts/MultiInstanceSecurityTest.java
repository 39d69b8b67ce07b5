package ma.moncompte.accounts;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;
import ma.moncompte.support.SecureTokens;
import ma.moncompte.testing.IntegrationTest;
import ma.moncompte.testing.Mailbox;
import ma.moncompte.testing.SecondInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Brute-force throttling and session revocation with two application instances on one database:
 * counters and revocations must hold on both.
 */
class MultiInstanceSecurityTest extends IntegrationTest {

	private static SecondInstance second;

	private final JsonMapper json = JsonMapper.builder().build();

	@org.springframework.beans.factory.annotation.Autowired
	private org.springframework.core.env.Environment environment;

	private AccountFixtures fixtures;

	private Mailbox mailbox;

	@BeforeAll
	static void startSecondInstance() {
		// The dev stack raises the per-IP quotas (most tests share 127.0.0.1); this instance keeps the
		// production defaults, and the quota test sends its per-IP requests to it.
		second = SecondInstance.start(Map.of("moncompte.accounts.throttle.signups-per-ip", 20,
				"moncompte.accounts.throttle.resets-per-ip", 20));
		awaitReady(second.portal());
	}

	@AfterAll
	static void stopSecondInstance() {
		second.close();
	}

	@BeforeEach
	void setUp() {
		this.fixtures = new AccountFixtures(this.db);
		this.mailbox = new Mailbox(stack().mail());
	}

	/** Instance A (the test context) or B (the second one), from a fresh client address. */
	private SecurityApi a() {
		return new SecurityApi(http(), AccountFixtures.newIp());
	}

	private SecurityApi b() {
		return new SecurityApi(second.portal().http(), AccountFixtures.newIp());
	}

	@Test
	void failedSignInsAreThrottledOnEveryInstanceThenTheOwnerSignsIn() throws Exception {
		AccountFixtures.Citizen citizen = this.fixtures.citizen("throttled");
		for (int i = 0; i < 5; i++) {
			SecurityApi instance = i % 2 == 0 ? a() : b();
			problem(instance.login(citizen.email(), "wrong password " + i).expectStatus().isUnauthorized(),
					"invalid-credentials");
		}
		// The sixth attempt is refused before the password is even checked, right or wrong, on both instances.
		for (SecurityApi instance : List.of(b(), a())) {
			WebTestClient.ResponseSpec refused = instance.login(citizen.email(), citizen.password())
				.expectStatus().isEqualTo(429)
				.expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "2");
			assertThat(problem(refused, "too-many-attempts").get("retryAfterSeconds").asInt()).isEqualTo(2);
		}
		MimeMessage warning = this.mailbox.awaitMessage(citizen.email(), 1);
		assertThat(warning.getSubject()).isEqualTo("Tentatives de connexion échouées – Mon Compte");

		// After the delay, the owner signs in on the other instance, and the counter starts over.
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
			.until(() -> b().login(citizen.email(), citizen.password()).returnResult(String.class).getStatus().value() == 201);
		assertThat(failures("login-account", citizen.email())).isNull();
		List<String> activity = activityTypes(citizen);
		assertThat(activity).contains("login.throttled", "login.succeeded");
		assertThat(activity.stream().filter("login.failed"::equals).count()).isEqualTo(5);
	}

	@Test
	void delaysGrowWithEveryFailureAfterTheFifth() {
		String email = "nobody-" + UUID.randomUUID() + "@example.org";
		for (int i = 0; i < 5; i++) {
			a().login(email, "guess " + i).expectStatus().isUnauthorized();
		}
		// The same throttling for an address without an account: it reveals nothing.
		b().login(email, "guess").expectStatus().isEqualTo(429).expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "2");
		for (int expected : new int[] { 4 }) {
			awaitUnblocked("login-account", email);
			b().login(email, "another guess").expectStatus().isUnauthorized();
			a().login(email, "and another").expectStatus().isEqualTo(429)
				.expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, Integer.toString(expected));
		}
		assertThat(failures("login-account", email)).isEqualTo(6);
	}

	@Test
	void failuresAreAlsoCountedPerClientAddress() {
		AccountFixtures.Citizen bystander = this.fixtures.citizen("bystander");
		String ip = AccountFixtures.newIp();
		// 5 by default; the dev stack raises it, since most tests share 127.0.0.1.
		int threshold = this.environment.getProperty("moncompte.accounts.throttle.ip-failure-threshold", Integer.class, 5);
		for (int i = 0; i < threshold; i++) {
			a().from(ip).login("spray-" + i + "-" + UUID.randomUUID() + "@example.org", "Password1234!")
				.expectStatus().isUnauthorized();
		}
		b().from(ip).login("spray-last-" + UUID.randomUUID() + "@example.org", "Password1234!")
			.expectStatus().isEqualTo(429).expectHeader().exists(HttpHeaders.RETRY_AFTER);
		// The same account from another address is not held back.
		b().login(bystander.email(), bystander.password()).expectStatus().isCreated();
	}

	@Test
	void parallelGuessesAcrossBothInstancesGetExactlyTheThresholdOfChecks() {
		AccountFixtures.Citizen citizen = this.fixtures.citizen("burst");
		WebClient clientA = this.portal.webClient();
		WebClient clientB = second.portal().webClient();
		List<Integer> statuses = Flux.range(0, 40)
			.flatMap(i -> (i % 2 == 0 ? clientA : clientB).post().uri("/api/v1/sessions")
				.header("X-Forwarded-For", AccountFixtures.newIp())
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("email", citizen.email(), "password", "parallel guess " + i))
				.exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value())), 40)
			.collectList()
			.block(Duration.ofSeconds(60));
		assertThat(statuses.stream().filter(s -> s == 401).count()).isEqualTo(5);
		assertThat(statuses.stream().filter(s -> s == 429).count()).isEqualTo(35);
		assertThat(failures("login-account", citizen.email())).isEqualTo(5);
	}

	@Test
	void signUpPasswordResetAndConfirmationResendAreThrottled() {
		String address = "quota-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
		Map<String, Object> signUp = Map.of("email", address, "password", "une phrase de passe assez longue",
				"firstName", "Nadia", "lastName", "Tazi", "preferredLanguage", "fr");
		for (int i = 0; i < 5; i++) {
			(i % 2 == 0 ? a() : b()).post("/api/v1/accounts", null, signUp).expectStatus().isAccepted();
		}
		// A sixth mail to the same mailbox within the hour: refused, from any address and instance.
		problem(b().post("/api/v1/accounts", null, signUp).expectStatus().isEqualTo(429)
			.expectHeader().exists(HttpHeaders.RETRY_AFTER), "too-many-requests");
		a().post("/api/v1/accounts/verify/resend", null, Map.of("email", address)).expectStatus().isEqualTo(429);
		a().post("/api/v1/accounts/password-reset", null, Map.of("email", address)).expectStatus().isEqualTo(429);

		// Per client address (production defaults, on instance B): 20 reset or resend requests an hour.
		String ip = AccountFixtures.newIp();
		for (int i = 0; i < 20; i++) {
			String path = i % 2 == 0 ? "/api/v1/accounts/password-reset" : "/api/v1/accounts/verify/resend";
			b().from(ip).post(path, null, Map.of("email", "r" + i + "-" + UUID.randomUUID() + "@example.org"))
				.expectStatus().isAccepted();
		}
		b().from(ip).post("/api/v1/accounts/password-reset", null, Map.of("email", "late-" + UUID.randomUUID() + "@example.org"))
			.expectStatus().isEqualTo(429);

		// Per client address: 20 sign-ups an hour.
		String signUpIp = AccountFixtures.newIp();
		for (int i = 0; i < 20; i++) {
			b().from(signUpIp).post("/api/v1/accounts", null, Map.of("email",
					"bulk-" + i + "-" + UUID.randomUUID() + "@example.org", "password", "une phrase de passe assez longue",
					"firstName", "Bulk", "lastName", "Signup", "preferredLanguage", "en"))
				.expectStatus().isAccepted();
		}
		b().from(signUpIp).post("/api/v1/accounts", null, Map.of("email", "bulk-last-" + UUID.randomUUID() + "@example.org",
				"password", "une phrase de passe assez longue", "firstName", "Bulk", "lastName", "Signup",
				"preferredLanguage", "en"))
			.expectStatus().isEqualTo(429);
	}

	@Test
	void passwordChangeRevokesEveryOtherSessionOnEveryInstance() throws Exception {
		AccountFixtures.Citizen citizen = this.fixtures.citizen("change");
		String current = a().session(citizen.email(), citizen.password());
		String onB = b().session(citizen.email(), citizen.password());
		String another = a().session(citizen.email(), citizen.password());
		String newPassword = "un tout nouveau mot de passe solide";

		problem(b().post("/api/v1/me/password", current, Map.of("currentPassword", "wrong one", "newPassword", newPassword))
			.expectStatus().isBadRequest(), "invalid-current-password");
		problem(b().post("/api/v1/me/password", current, Map.of("currentPassword", citizen.password(), "newPassword", "short"))
			.expectStatus().isBadRequest(), "validation-failed");
		JsonNode changed = read(b().post("/api/v1/me/password", current,
				Map.of("currentPassword", citizen.password(), "newPassword", newPassword)).expectStatus().isOk());
		assertThat(changed.get("otherSessionsRevoked").asInt()).isEqualTo(2);

		for (SecurityApi instance : List.of(a(), b())) {
			problem(instance.get("/api/v1/me", onB).expectStatus().isUnauthorized(), "unauthenticated");
			instance.get("/api/v1/me", another).expectStatus().isUnauthorized();
			instance.get("/api/v1/me", current).expectStatus().isOk();
		}
		a().login(citizen.email(), citizen.password()).expectStatus().isUnauthorized();
		b().login(citizen.email(), newPassword).expectStatus().isCreated();
		assertThat(this.mailbox.awaitMessage(citizen.email(), 1).getSubject()).isEqualTo("Mot de passe modifié – Mon Compte");
		assertThat(activityTypes(citizen)).contains("password.changed");
	}

	@Test
	void passwordResetBySingleUseMailedLinkRevokesEverySession() {
		AccountFixtures.Citizen citizen = this.fixtures.citizen("reset");
		String onA = a().session(citizen.email(), citizen.password());
		String onB = b().session(citizen.email(), citizen.password());

		// The same answer whether or not the address has an account.
		String known = a().post("/api/v1/accounts/password-reset", null, Map.of("email", citizen.email().toUpperCase()))
			.expectStatus().isAccepted().expectBody(String.class).returnResult().getResponseBody();
		String unknown = b().post("/api/v1/accounts/password-reset", null,
				Map.of("email", "nobody-" + UUID.randomUUID() + "@example.org"))
			.expectStatus().isAccepted().expectBody(String.class).returnResult().getResponseBody();
		assertThat(unknown).isEqualTo(known);

		String token = this.mailbox.awaitToken(citizen.email(), 1);
		Map<String, Object> stored = this.db.sql("""
				SELECT token_hash, EXTRACT(EPOCH FROM expires_at - created_at) AS ttl FROM password_reset_tokens
				WHERE account_id = :id""")
			.bind("id", citizen.id())
			.map((row, meta) -> Map.<String, Object>of("hash", row.get("token_hash", String.class), "ttl",
					row.get("ttl", java.math.BigDecimal.class).doubleValue()))
			.one()
			.block();
		assertThat(stored.get("hash")).isEqualTo(SecureTokens.sha256(token)).isNotEqualTo(token);
		assertThat((double) stored.get("ttl")).isEqualTo(1800.0);

		String newPassword = "une autre phrase de passe robuste";
		// A refused password does not spend the link.
		b().post("/api/v1/accounts/password-reset/confirm", null, Map.of("token", token, "newPassword", "password123"))
			.expectStatus().isBadRequest();
		b().post("/api/v1/accounts/password-reset/confirm", null, Map.of("token", token, "newPassword", newPassword))
			.expectStatus().isNoContent();
		for (SecurityApi instance : List.of(a(), b())) {
			instance.get("/api/v1/me", onA).expectStatus().isUnauthorized();
			instance.get("/api/v1/me", onB).expectStatus().isUnauthorized();
		}
		problem(a().post("/api/v1/accounts/password-reset/confirm", null, Map.of("token", token, "newPassword", newPassword + "!"))
			.expectStatus().isBadRequest(), "invalid-reset-token");
		a().login(citizen.email(), citizen.password()).expectStatus().isUnauthorized();
		a().session(citizen.email(), newPassword);

		// An expired link is refused too.
		a().post("/api/v1/accounts/password-reset", null, Map.of("email", citizen.email())).expectStatus().isAccepted();
		String late = this.mailbox.awaitToken(citizen.email(), 3);
		this.db.sql("UPDATE password_reset_tokens SET expires_at = now() - interval '1 second' WHERE token_hash = :hash")
			.bind("hash", SecureTokens.sha256(late)).then().block();
		b().post("/api/v1/accounts/password-reset/confirm", null, Map.of("token", late, "newPassword", newPassword + "?"))
			.expectStatus().isBadRequest();
		assertThat(activityTypes(citizen)).contains("password.reset");
	}

	private Integer failures(String scope, String subject) {
		return this.db.sql("SELECT failures FROM auth_failures WHERE scope = :scope AND subject = :subject")
			.bind("scope", scope)
			.bind("subject", subject)
			.map((row, meta) -> row.get("failures", Integer.class))
			.one()
			.block();
	}

	private void awaitUnblocked(String scope, String subject) {
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
			.until(() -> this.db.sql("SELECT blocked_until FROM auth_failures WHERE scope = :scope AND subject = :subject")
				.bind("scope", scope)
				.bind("subject", subject)
				.map((row, meta) -> row.get("blocked_until", OffsetDateTime.class))
				.one()
				.block()
				.isBefore(OffsetDateTime.now()));
	}

	private List<String> activityTypes(AccountFixtures.Citizen citizen) {
		return this.db.sql("SELECT type FROM account_activity WHERE account_id = :id ORDER BY id")
			.bind("id", citizen.id())
			.map((row, meta) -> row.get("type", String.class))
			.all()
			.collectList()
			.block();
	}

	private JsonNode problem(WebTestClient.ResponseSpec response, String slug) {
		JsonNode problem = read(response.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON));
		assertThat(problem.get("type").asString()).endsWith("/" + slug);
		return problem;
	}

	private JsonNode read(WebTestClient.ResponseSpec response) {
		return this.json.readTree(response.expectBody(String.class).returnResult().getResponseBody());
	}

}
