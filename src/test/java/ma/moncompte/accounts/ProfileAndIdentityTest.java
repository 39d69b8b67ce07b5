package ma.moncompte.accounts;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.mail.internet.MimeMessage;
import ma.moncompte.testing.IntegrationTest;
import ma.moncompte.testing.Mailbox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/** Profile reads and merge-patches; identity numbers encrypted at rest and masked in responses. */
class ProfileAndIdentityTest extends IntegrationTest {

	private final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	private Environment environment;

	private SecurityApi api;

	private AccountFixtures fixtures;

	@BeforeEach
	void setUp() {
		this.api = new SecurityApi(http(), AccountFixtures.newIp());
		this.fixtures = new AccountFixtures(this.db);
	}

	private Map<String, Object> fullProfile(LocalDate passportExpiry) {
		Map<String, Object> patch = new LinkedHashMap<>();
		patch.put("firstName", "Salma");
		patch.put("lastName", "El Idrissi");
		patch.put("dateOfBirth", "1990-04-12");
		patch.put("address", Map.of("line1", "12 rue de la Paix", "line2", "Bâtiment B", "postalCode", "75002",
				"city", "Paris", "country", "fr"));
		patch.put("phone", "06 98 76 54 32");
		patch.put("preferredLanguage", "es");
		patch.put("passport", Map.of("number", "ab 1234567", "issuedOn", "2021-03-01", "expiresOn", passportExpiry.toString()));
		patch.put("cnieNumber", "be123456");
		patch.put("consularRegistrationNumber", "PAR-2024-001234");
		return patch;
	}

	@Test
	void identityNumbersAreEncryptedAtRestAndMaskedInResponses() throws Exception {
		AccountFixtures.Citizen citizen = this.fixtures.citizen("identity");
		String token = this.api.session(citizen.email(), citizen.password());
		LocalDate expiry = LocalDate.now(ZoneOffset.UTC).plusMonths(3);

		JsonNode profile = read(this.api.patch("/api/v1/me", token, fullProfile(expiry)).expectStatus().isOk());

		assertThat(profile.at("/identity/passport/number").asString()).isEqualTo("******567");
		assertThat(profile.at("/identity/passport/expiresOn").asString()).isEqualTo(expiry.toString());
		assertThat(profile.at("/identity/cnieNumber").asString()).isEqualTo("*****456");
		assertThat(profile.at("/identity/consularRegistrationNumber").asString()).isEqualTo("************234");
		assertThat(profile.at("/phone").asString()).isEqualTo("+33698765432");
		assertThat(profile.at("/address/country").asString()).isEqualTo("FR");
		assertThat(profile.at("/address/line2").asString()).isEqualTo("Bâtiment B");
		assertThat(profile.at("/preferredLanguage").asString()).isEqualTo("es");
		assertThat(profile.at("/dateOfBirth").asString()).isEqualTo("1990-04-12");
		// GET shows the same masked values; nothing in the body reveals the numbers.
		String body = this.api.get("/api/v1/me", token).expectStatus().isOk().expectBody(String.class).returnResult()
			.getResponseBody();
		assertThat(body).doesNotContain("1234567", "123456", "PAR-2024").contains("******567");

		Map<String, String> raw = this.db.sql("""
				SELECT passport_number_enc, cnie_number_enc, consular_registration_enc FROM accounts WHERE id = :id""")
			.bind("id", citizen.id())
			.map((row, meta) -> Map.of("passport_number_enc", row.get("passport_number_enc", String.class),
					"cnie_number_enc", row.get("cnie_number_enc", String.class), "consular_registration_enc",
					row.get("consular_registration_enc", String.class)))
			.one()
			.block();
		Map<String, String> clear = Map.of("passport_number_enc", "AB1234567", "cnie_number_enc", "BE123456",
				"consular_registration_enc", "PAR-2024-001234");
		for (Map.Entry<String, String> column : raw.entrySet()) {
			String stored = column.getValue();
			String plaintext = clear.get(column.getKey());
			assertThat(stored).startsWith("v1:dev1:").doesNotContain(plaintext).doesNotContain(plaintext.substring(3));
			byte[] sealed = Base64.getUrlDecoder().decode(stored.substring("v1:dev1:".length()));
			assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(plaintext.substring(3));
			// 12-byte nonce + ciphertext + 16-byte tag: AES-GCM, checked with the key from the configuration.
			assertThat(sealed).hasSize(12 + plaintext.length() + 16);
			assertThat(decryptIndependently(sealed, "accounts." + column.getKey() + "|" + citizen.id())).isEqualTo(plaintext);
		}

		// The same number for another account encrypts differently (random nonce, account-bound data).
		AccountFixtures.Citizen other = this.fixtures.citizen("identity-other");
		String otherToken = this.api.session(other.email(), other.password());
		this.api.patch("/api/v1/me", otherToken, Map.of("passport",
				Map.of("number", "AB1234567", "issuedOn", "2021-03-01", "expiresOn", expiry.toString())))
			.expectStatus().isOk();
		String otherStored = this.db.sql("SELECT passport_number_enc FROM accounts WHERE id = :id").bind("id", other.id())
			.map((row, meta) -> row.get("passport_number_enc", String.class)).one().block();
		assertThat(otherStored).isNotEqualTo(raw.get("passport_number_enc"));
	}

	private String decryptIndependently(byte[] sealed, String context) throws Exception {
		byte[] key = Base64.getDecoder().decode(this.environment.getProperty("moncompte.accounts.encryption.key"));
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, sealed, 0, 12));
		cipher.updateAAD(("v1|dev1|" + context).getBytes(StandardCharsets.UTF_8));
		return new String(cipher.doFinal(sealed, 12, sealed.length - 12), StandardCharsets.UTF_8);
	}

	@Test
	void passportExpiringWithinSixMonthsShowsAHintInThePreferredLanguage() {
		AccountFixtures.Citizen citizen = this.fixtures.citizen("hint");
		String token = this.api.session(citizen.email(), citizen.password());
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		LocalDate soon = today.plusMonths(5);

		JsonNode profile = read(this.api.patch("/api/v1/me", token, fullProfile(soon)).expectStatus().isOk());
		JsonNode hints = profile.get("hints");
		assertThat(hints.size()).isEqualTo(1);
		assertThat(hints.get(0).get("code").asString()).isEqualTo("passport-expiring");
		assertThat(hints.get(0).get("daysLeft").asLong()).isEqualTo(ChronoUnit.DAYS.between(today, soon));
		assertThat(hints.get(0).get("message").asString()).isEqualTo("Su pasaporte caduca el " + soon + ". Recuerde pedir cita para renovarlo.");

		LocalDate later = today.plusMonths(7);
		profile = read(this.api.patch("/api/v1/me", token,
				Map.of("passport", Map.of("number", "AB1234567", "issuedOn", "2021-03-01", "expiresOn", later.toString()),
						"preferredLanguage", "en"))
			.expectStatus().isOk());
		assertThat(profile.get("hints").size()).isZero();

		LocalDate past = today.minusDays(3);
		profile = read(this.api.patch("/api/v1/me", token,
				Map.of("passport", Map.of("number", "AB1234567", "issuedOn", "2015-03-01", "expiresOn", past.toString())))
			.expectStatus().isOk());
		assertThat(profile.at("/hints/0/code").asString()).isEqualTo("passport-expired");
		assertThat(profile.at("/hints/0/message").asString()).isEqualTo("Your passport expired on " + past + ". Book an appointment to renew it.");
	}

	@Test
	void mergePatchKeepsAbsentFieldsClearsNullsAndRejectsBadInput() {
		AccountFixtures.Citizen citizen = this.fixtures.citizen("patch");
		String token = this.api.session(citizen.email(), citizen.password());
		this.api.patch("/api/v1/me", token, fullProfile(LocalDate.now(ZoneOffset.UTC).plusYears(5))).expectStatus().isOk();

		Map<String, Object> clearPhone = new LinkedHashMap<>();
		clearPhone.put("phone", null);
		clearPhone.put("cnieNumber", null);
		JsonNode profile = read(this.api.patch("/api/v1/me", token, clearPhone).expectStatus().isOk());
		assertThat(profile.get("phone").isNull()).isTrue();
		assertThat(profile.at("/identity/cnieNumber").isNull()).isTrue();
		assertThat(profile.get("firstName").asString()).isEqualTo("Salma");
		assertThat(profile.at("/identity/passport/number").asString()).isEqualTo("******567");
		assertThat(this.db.sql("SELECT cnie_number_enc FROM accounts WHERE id = :id").bind("id", citizen.id())
			.map((row, meta) -> java.util.Optional.ofNullable(row.get("cnie_number_enc", String.class))).one().block())
			.isEmpty();

		// International format works without an address country; a Moroccan mobile in E.164.
		profile = read(this.api.patch("/api/v1/me", token, Map.of("phone", "+212 6 61 23 45 67")).expectStatus().isOk());
		assertThat(profile.get("phone").asString()).isEqualTo("+212661234567");

		List<Map<String, Object>> invalid = List.of(Map.of("phone", "12345"), Map.of("address",
				Map.of("line1", "1 Main St", "city", "Nowhere", "country", "XX")), Map.of("preferredLanguage", "de"),
				Map.of("passport", Map.of("number", "AB1234567", "issuedOn", "2021-03-01", "expiresOn", "2020-01-01")),
				Map.of("email", "new@example.org"), Map.of("dateOfBirth", "2999-01-01"), Map.of("cnieNumber", "12"),
				Map.of("firstName", ""), Map.of("unknown", 1));
		for (Map<String, Object> patch : invalid) {
			JsonNode problem = read(this.api.patch("/api/v1/me", token, patch).expectStatus().isBadRequest()
				.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON));
			assertThat(problem.get("type").asString()).endsWith("/validation-failed");
			assertThat(problem.get("errors").get(0).get("field").asString()).isNotBlank();
		}
		// Nothing of the refused patches was written.
		profile = read(this.api.get("/api/v1/me", token).expectStatus().isOk());
		assertThat(profile.get("preferredLanguage").asString()).isEqualTo("es");
		assertThat(profile.get("firstName").asString()).isEqualTo("Salma");
	}

	@Test
	void spanishIsASignUpLanguageAndItsMailsAreSpanish() throws Exception {
		String email = "lucia." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
		this.api.post("/api/v1/accounts", null, Map.of("email", email, "password", "una frase de contraseña larga",
				"firstName", "Lucía", "lastName", "García", "preferredLanguage", "es"))
			.expectStatus().isAccepted();
		MimeMessage mail = new Mailbox(stack().mail()).awaitMessage(email, 1);
		assertThat(mail.getSubject()).isEqualTo("Confirme su dirección de correo electrónico – Mon Compte");
		assertThat(Mailbox.text(mail)).startsWith("Hola Lucía:");
		assertThat(Mailbox.html(mail)).contains("lang=\"es\" dir=\"ltr\"");

		JsonNode problem = read(this.api.post("/api/v1/accounts", null, Map.of("email", "x" + email, "password",
				"una frase de contraseña larga", "firstName", "A", "lastName", "B", "preferredLanguage", "de"))
			.expectStatus().isBadRequest());
		assertThat(problem.at("/errors/0/message").asString()).isEqualTo("must be one of ar, fr, en, es");
	}

	private JsonNode read(org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec response) {
		return this.json.readTree(response.expectBody(String.class).returnResult().getResponseBody());
	}

}
