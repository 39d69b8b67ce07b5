package ma.moncompte.accounts.internal;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;
import ma.moncompte.support.SecureTokens;
import ma.moncompte.testing.IntegrationTest;
import ma.moncompte.testing.Mailbox;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

class RegistrationTest extends IntegrationTest {

	private static final String PASSWORD = "une phrase de passe assez longue";

	@Test
	void theAnswerIsTheSameForATakenAddressAndItsOwnerIsTold() {
		String email = unique("karim");
		register(email, PASSWORD, "en").expectStatus().isAccepted();
		Mailbox mailbox = new Mailbox(stack().mail());
		String token = mailbox.awaitToken(email, 1);
		http().post().uri("/api/v1/accounts/verify").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("token", token)).exchange().expectStatus().isNoContent();

		String first = register(email.toUpperCase(), "another long passphrase here", "fr").expectStatus().isAccepted()
			.expectBody(String.class).returnResult().getResponseBody();
		String fresh = register(unique("nobody"), PASSWORD, "fr").expectStatus().isAccepted()
			.expectBody(String.class).returnResult().getResponseBody();
		assertThat(first).isEqualTo(fresh);

		MimeMessage notice = mailbox.awaitMessage(email, 2);
		assertThat(Mailbox.text(notice)).contains("already has one").doesNotContain("token=");
		assertThat(this.db.sql("SELECT count(*) AS n FROM accounts WHERE email = :e").bind("e", email)
			.map((row, meta) -> row.get("n", Long.class)).one().block()).isEqualTo(1);
		// The original password still works: the second sign-up changed nothing.
		this.portal.login(email.toUpperCase(), PASSWORD);
	}

	@Test
	void tokensAreStoredHashedExpireAndPasswordsUseArgon2() {
		String email = unique("salma");
		register(email, PASSWORD, "ar").expectStatus().isAccepted();
		Mailbox mailbox = new Mailbox(stack().mail());
		String token = mailbox.awaitToken(email, 1);
		String html = Mailbox.html(mailbox.awaitMessage(email, 1));
		assertThat(html).contains("dir=\"rtl\"").contains("lang=\"ar\"");

		List<String> stored = this.db.sql("""
				SELECT t.token_hash FROM email_verification_tokens t JOIN accounts a ON a.id = t.account_id
				WHERE a.email = :e""").bind("e", email).map((row, meta) -> row.get("token_hash", String.class))
			.all().collectList().block();
		assertThat(stored).containsExactly(SecureTokens.sha256(token)).doesNotContain(token);
		assertThat(this.db.sql("SELECT password_hash FROM accounts WHERE email = :e").bind("e", email)
			.map((row, meta) -> row.get("password_hash", String.class)).one().block())
			.startsWith("{argon2}").doesNotContain(PASSWORD);

		// Unconfirmed: a clear problem, distinct from bad credentials.
		http().post().uri("/api/v1/sessions").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", email, "password", PASSWORD)).exchange()
			.expectStatus().isForbidden()
			.expectBody().jsonPath("$.type").isEqualTo("https://moncompte.example/problems/email-not-verified");

		this.db.sql("UPDATE email_verification_tokens SET expires_at = now() - interval '1 second' WHERE token_hash = :h")
			.bind("h", SecureTokens.sha256(token)).then().block();
		http().post().uri("/api/v1/accounts/verify").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("token", token)).exchange().expectStatus().isBadRequest()
			.expectBody().jsonPath("$.type").isEqualTo("https://moncompte.example/problems/invalid-verification-token");
	}

	@Test
	void unknownEmailAndWrongPasswordGetTheSameProblem() {
		String email = unique("youssef");
		register(email, PASSWORD, "fr").expectStatus().isAccepted();
		http().post().uri("/api/v1/accounts/verify").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("token", new Mailbox(stack().mail()).awaitToken(email, 1))).exchange()
			.expectStatus().isNoContent();
		String wrongPassword = login(email, "not the right passphrase");
		String unknownEmail = login(unique("ghost"), "not the right passphrase");
		assertThat(wrongPassword).isEqualTo(unknownEmail).contains("/problems/invalid-credentials");
	}

	@Test
	void passwordRulesAreExplained() {
		String email = unique("nadia");
		assertPasswordRejected(email, "short pass", "at least 12");
		assertPasswordRejected(email, "qwertyuiopasdfgh", "most common");
		assertPasswordRejected(email, "xx" + email.substring(0, email.indexOf('@')) + "yy", "email");
		assertPasswordRejected(email, "a".repeat(129), "at most 128");
		// Arabic passphrases count characters, not bytes.
		register(unique("ar"), "كلمة سر طويلة", "ar").expectStatus().isAccepted();
		register(email, PASSWORD, "de").expectStatus().isBadRequest()
			.expectBody().jsonPath("$.errors[0].field").isEqualTo("preferredLanguage");
		register("not-an-email", PASSWORD, "fr").expectStatus().isBadRequest()
			.expectBody().jsonPath("$.errors[0].field").isEqualTo("email");
	}

	private void assertPasswordRejected(String email, String password, String reason) {
		register(email, password, "fr").expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.type").isEqualTo("https://moncompte.example/problems/validation-failed")
			.jsonPath("$.errors[0].field").isEqualTo("password")
			.jsonPath("$.errors[0].message").value(message -> assertThat((String) message).contains(reason));
	}

	private String login(String email, String password) {
		return http().post().uri("/api/v1/sessions").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", email, "password", password)).exchange()
			.expectStatus().isUnauthorized()
			.expectBody(String.class).returnResult().getResponseBody();
	}

	private WebTestClient.ResponseSpec register(String email, String password, String language) {
		return http().post().uri("/api/v1/accounts").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", email, "password", password, "firstName", "Test", "lastName", "Citoyen",
					"preferredLanguage", language))
			.exchange();
	}

	private static String unique(String name) {
		return name + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
	}

}
