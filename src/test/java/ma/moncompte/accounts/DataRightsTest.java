package ma.moncompte.accounts;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import ma.moncompte.testing.IntegrationTest;
import ma.moncompte.testing.Mailbox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The export holds everything the account holds; closing the account erases it and ends sign-in. */
class DataRightsTest extends IntegrationTest {

	private final JsonMapper json = JsonMapper.builder().build();

	private AccountFixtures fixtures;

	private SecurityApi api;

	@BeforeEach
	void setUp() {
		this.fixtures = new AccountFixtures(this.db);
		this.api = new SecurityApi(http(), AccountFixtures.newIp());
	}

	@Test
	void exportHoldsEverythingThenClosureErasesItAndSignInFails() throws Exception {
		AccountFixtures.Citizen citizen = this.fixtures.citizen("rights");
		this.api.login(citizen.email(), "not the password at all").expectStatus().isUnauthorized();
		String token = this.api.session(citizen.email(), citizen.password());
		String otherDevice = this.api.from("10.77.0.1").session(citizen.email(), citizen.password());
		LocalDate expiry = LocalDate.now().plusYears(4);
		this.api.patch("/api/v1/me", token, Map.of("firstName", "Karim", "lastName", "Benjelloun", "dateOfBirth", "1985-11-02",
				"address", Map.of("line1", "3 avenue Hassan II", "postalCode", "20000", "city", "Casablanca", "country", "MA"),
				"phone", "+212 6 61 23 45 67", "preferredLanguage", "ar",
				"passport", Map.of("number", "XK7654321", "issuedOn", "2020-01-15", "expiresOn", expiry.toString()),
				"cnieNumber", "BK998877", "consularRegistrationNumber", "ORY-88-7766"))
			.expectStatus().isOk();
		String anotherAddress = "pending-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
		this.api.post("/api/v1/me/email", token, Map.of("newEmail", anotherAddress, "currentPassword", citizen.password()))
			.expectStatus().isAccepted();
		UUID appointment = bookUpcomingAppointment(token);

		JsonNode export = read(this.api.get("/api/v1/me/export", token).expectStatus().isOk()
			.expectHeader().valueMatches("Content-Disposition", "attachment.*"));
		JsonNode account = export.get("account");
		assertThat(account.get("id").asString()).isEqualTo(citizen.id().toString());
		assertThat(account.get("email").asString()).isEqualTo(citizen.email());
		assertThat(account.get("firstName").asString()).isEqualTo("Karim");
		assertThat(account.get("lastName").asString()).isEqualTo("Benjelloun");
		assertThat(account.get("dateOfBirth").asString()).isEqualTo("1985-11-02");
		assertThat(account.at("/address/city").asString()).isEqualTo("Casablanca");
		assertThat(account.at("/address/country").asString()).isEqualTo("MA");
		assertThat(account.get("phone").asString()).isEqualTo("+212661234567");
		assertThat(account.get("preferredLanguage").asString()).isEqualTo("ar");
		// The right of access gives the identity numbers in full, unlike the masked profile.
		assertThat(account.at("/identity/passport/number").asString()).isEqualTo("XK7654321");
		assertThat(account.at("/identity/passport/expiresOn").asString()).isEqualTo(expiry.toString());
		assertThat(account.at("/identity/cnieNumber").asString()).isEqualTo("BK998877");
		assertThat(account.at("/identity/consularRegistrationNumber").asString()).isEqualTo("ORY-88-7766");
		assertThat(account.get("createdAt").asString()).isNotBlank();
		assertThat(export.get("pendingEmailChange").asString()).isEqualTo(anotherAddress);
		assertThat(export.at("/twoFactor/enabled").asBoolean()).isFalse();
		List<String> sessionIps = new ArrayList<>();
		export.get("sessions").forEach(s -> sessionIps.add(s.get("ipAddress").asString()));
		assertThat(sessionIps).contains("10.77.0.1").hasSize(2);
		List<String> activity = new ArrayList<>();
		export.get("activity").forEach(e -> activity.add(e.get("type").asString()));
		assertThat(activity).containsExactlyInAnyOrder("data.exported", "email.change-requested", "profile.updated",
				"login.succeeded", "login.succeeded", "login.failed");
		assertThat(export.at("/otherRecords/appointments/0/id").asString()).isEqualTo(appointment.toString());
		// Every column of the account row with personal data appears in the export.
		String raw = export.toString();
		for (String value : List.of("3 avenue Hassan II", "20000", "Casablanca")) {
			assertThat(raw).contains(value);
		}

		// Closing needs the password; staff cannot close their accounts themselves.
		this.api.post("/api/v1/me/closure", token, Map.of("currentPassword", "wrong")).expectStatus().isBadRequest();
		String agent = this.portal.loginAgent("FR-COL");
		this.api.post("/api/v1/me/closure", agent, Map.of("currentPassword", "whatever")).expectStatus().isForbidden();
		this.api.post("/api/v1/me/closure", token, Map.of("currentPassword", citizen.password())).expectStatus().isNoContent();
		assertThat(count("SELECT count(*) AS n FROM auth_failures WHERE subject = :email", citizen.email())).isZero();

		this.api.login(citizen.email(), citizen.password()).expectStatus().isUnauthorized();
		this.api.get("/api/v1/me", token).expectStatus().isUnauthorized();
		this.api.get("/api/v1/me", otherDevice).expectStatus().isUnauthorized();

		Map<String, Object> row = this.db.sql("SELECT * FROM accounts WHERE id = :id").bind("id", citizen.id())
			.fetch().one().block();
		assertThat((String) row.get("email")).isEqualTo("closed-" + citizen.id() + "@closed.invalid");
		assertThat(row.get("first_name")).isEqualTo("");
		assertThat(row.get("last_name")).isEqualTo("");
		assertThat(row.get("password_hash")).isEqualTo("!closed");
		assertThat(row.get("closed_at")).isNotNull();
		for (String column : List.of("date_of_birth", "address_line1", "address_line2", "address_postal_code",
				"address_city", "address_country", "phone_e164", "passport_number_enc", "passport_issued_on",
				"passport_expires_on", "cnie_number_enc", "consular_registration_enc")) {
			assertThat(row.get(column)).as(column).isNull();
		}
		for (String table : List.of("sessions", "email_change_requests", "password_reset_tokens", "totp_credentials",
				"recovery_codes", "login_challenges", "email_verification_tokens")) {
			assertThat(count("SELECT count(*) AS n FROM " + table + " WHERE account_id = :id", citizen.id())).as(table).isZero();
		}
		List<Map<String, Object>> history = this.db.sql("SELECT type, ip_address FROM account_activity WHERE account_id = :id")
			.bind("id", citizen.id()).fetch().all().collectList().block();
		assertThat(history).hasSize(1);
		assertThat(history.get(0).get("type")).isEqualTo("account.closed");
		assertThat(history.get(0).get("ip_address")).isNull();
		// The booking module cancelled the upcoming appointment and kept the record.
		assertThat(this.db.sql("SELECT status FROM appointments WHERE id = :id").bind("id", appointment)
			.map((r, m) -> r.get("status", String.class)).one().block()).isEqualTo("CANCELLED");
		// Other modules (and other services, through Kafka) are told.
		assertThat(count("SELECT count(*) AS n FROM event_log WHERE account_id = :id AND type = 'account.closed'", citizen.id()))
			.isEqualTo(1);
		Mailbox mailbox = new Mailbox(stack().mail());
		jakarta.mail.internet.MimeMessage farewell = org.awaitility.Awaitility.await()
			.atMost(java.time.Duration.ofSeconds(30))
			.until(() -> mailbox.messagesTo(citizen.email()).stream().filter(m -> subject(m).equals("تم إغلاق حسابك – حسابي"))
				.findFirst().orElse(null), java.util.Objects::nonNull);
		assertThat(Mailbox.html(farewell)).contains("dir=\"rtl\"");

		// The address is free again: someone may sign up with it.
		this.api.post("/api/v1/accounts", null, Map.of("email", citizen.email(), "password", "une phrase de passe assez longue",
				"firstName", "New", "lastName", "Owner", "preferredLanguage", "fr")).expectStatus().isAccepted();
		assertThat(count("SELECT count(*) AS n FROM accounts WHERE email = :email AND closed_at IS NULL", citizen.email()))
			.isEqualTo(1);
	}

	private static String subject(jakarta.mail.internet.MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private UUID bookUpcomingAppointment(String token) {
		String agent = this.portal.loginAgent("FR-PAR");
		LocalDate day = LocalDate.now(ZoneId.of("Europe/Paris")).plusDays(400 + ThreadLocalRandom.current().nextInt(300));
		String start = day + "T" + String.format("%02d:%02d", 9 + ThreadLocalRandom.current().nextInt(8),
				ThreadLocalRandom.current().nextInt(12) * 5);
		UUID slot = this.portal.createSlot(agent, "FR-PAR", "CNIE", start, 20, 3);
		return UUID.fromString(read(this.portal.book(token, slot).expectStatus().isCreated()).get("id").asString());
	}

	private long count(String sql, Object value) {
		return this.db.sql(sql).bind(sql.contains(":email") ? "email" : "id", value)
			.map((r, m) -> r.get("n", Long.class)).one().block();
	}

	private JsonNode read(WebTestClient.ResponseSpec response) {
		return this.json.readTree(response.expectBody(String.class).returnResult().getResponseBody());
	}

}
