package ma.moncompte.accounts;

import java.util.Map;
import java.util.UUID;

import ma.moncompte.testing.IntegrationTest;
import ma.moncompte.testing.Mailbox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** An email change takes effect only once the new address is confirmed; the old one keeps working until then. */
class EmailChangeTest extends IntegrationTest {

	private final JsonMapper json = JsonMapper.builder().build();

	private AccountFixtures fixtures;

	private Mailbox mailbox;

	private SecurityApi api;

	@BeforeEach
	void setUp() {
		this.fixtures = new AccountFixtures(this.db);
		this.mailbox = new Mailbox(stack().mail());
		this.api = new SecurityApi(http(), AccountFixtures.newIp());
	}

	@Test
	void oldAddressWorksUntilTheNewOneIsConfirmed() throws Exception {
		AccountFixtures.Citizen citizen = this.fixtures.citizen("moving");
		String newEmail = "moved-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
		String token = this.api.session(citizen.email(), citizen.password());

		this.api.post("/api/v1/me/email", token, Map.of("newEmail", newEmail, "currentPassword", "wrong password"))
			.expectStatus().isBadRequest();
		this.api.post("/api/v1/me/email", token, Map.of("newEmail", newEmail.toUpperCase(), "currentPassword", citizen.password()))
			.expectStatus().isAccepted();

		String link = this.mailbox.awaitToken(newEmail, 1);
		assertThat(this.mailbox.awaitMessage(newEmail, 1).getSubject()).isEqualTo("Confirmez votre nouvelle adresse e-mail – Mon Compte");
		var notice = this.mailbox.awaitMessage(citizen.email(), 1);
		assertThat(notice.getSubject()).isEqualTo("Changement d'adresse e-mail demandé – Mon Compte");
		assertThat(Mailbox.text(notice)).contains(newEmail).doesNotContain("token=");

		// Not confirmed yet: the account still has its old address.
		JsonNode me = read(this.api.get("/api/v1/me", token).expectStatus().isOk());
		assertThat(me.get("email").asString()).isEqualTo(citizen.email());
		assertThat(me.get("pendingEmail").asString()).isEqualTo(newEmail);
		this.api.login(citizen.email(), citizen.password()).expectStatus().isCreated();
		this.api.login(newEmail, citizen.password()).expectStatus().isUnauthorized();

		this.api.post("/api/v1/accounts/email/confirm", null, Map.of("token", link)).expectStatus().isNoContent();
		this.api.login(newEmail, citizen.password()).expectStatus().isCreated();
		this.api.login(citizen.email(), citizen.password()).expectStatus().isUnauthorized();
		me = read(this.api.get("/api/v1/me", token).expectStatus().isOk());
		assertThat(me.get("email").asString()).isEqualTo(newEmail);
		assertThat(me.get("pendingEmail").isNull()).isTrue();
		var changed = this.mailbox.awaitMessage(citizen.email(), 2);
		assertThat(changed.getSubject()).isEqualTo("Adresse e-mail modifiée – Mon Compte");
		assertThat(Mailbox.text(changed)).contains(newEmail);
		// The link works once.
		this.api.post("/api/v1/accounts/email/confirm", null, Map.of("token", link)).expectStatus().isBadRequest();

		java.util.List<String> activity = new java.util.ArrayList<>();
		read(this.api.get("/api/v1/me/activity", token).expectStatus().isOk()).forEach(e -> activity.add(e.get("type").asString()));
		assertThat(activity).contains("email.change-requested", "email.changed");
	}

	@Test
	void anAddressInUseIsNotRevealedAndALateConfirmationCannotStealIt() throws Exception {
		AccountFixtures.Citizen first = this.fixtures.citizen("first");
		AccountFixtures.Citizen second = this.fixtures.citizen("second");
		AccountFixtures.Citizen owner = this.fixtures.citizen("owner");
		String firstToken = this.api.session(first.email(), first.password());
		String secondToken = this.api.session(second.email(), second.password());

		// Asking for an address that has an account: the same answer; its owner is told, nothing changes.
		String taken = this.api.post("/api/v1/me/email", firstToken, Map.of("newEmail", owner.email(), "currentPassword", first.password()))
			.expectStatus().isAccepted().expectBody(String.class).returnResult().getResponseBody();
		assertThat(this.mailbox.awaitMessage(owner.email(), 1).getSubject()).isEqualTo("Tentative d'utilisation de votre adresse – Mon Compte");
		assertThat(read(this.api.get("/api/v1/me", firstToken).expectStatus().isOk()).get("pendingEmail").isNull()).isTrue();

		// Two accounts ask for the same free address; the second confirmation finds it taken.
		String contested = "contested-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
		String free = this.api.post("/api/v1/me/email", firstToken, Map.of("newEmail", contested, "currentPassword", first.password()))
			.expectStatus().isAccepted().expectBody(String.class).returnResult().getResponseBody();
		assertThat(free).isEqualTo(taken);
		String firstLink = this.mailbox.awaitToken(contested, 1);
		this.api.post("/api/v1/me/email", secondToken, Map.of("newEmail", contested, "currentPassword", second.password()))
			.expectStatus().isAccepted();
		String secondLink = this.mailbox.awaitToken(contested, 2);
		this.api.post("/api/v1/accounts/email/confirm", null, Map.of("token", secondLink)).expectStatus().isNoContent();
		JsonNode problem = read(this.api.post("/api/v1/accounts/email/confirm", null, Map.of("token", firstLink))
			.expectStatus().isEqualTo(409));
		assertThat(problem.get("type").asString()).endsWith("/email-taken");
		assertThat(read(this.api.get("/api/v1/me", firstToken).expectStatus().isOk()).get("email").asString()).isEqualTo(first.email());
		assertThat(read(this.api.get("/api/v1/me", secondToken).expectStatus().isOk()).get("email").asString()).isEqualTo(contested);
	}

	private JsonNode read(WebTestClient.ResponseSpec response) {
		return this.json.readTree(response.expectBody(String.class).returnResult().getResponseBody());
	}

}
