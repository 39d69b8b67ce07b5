package ma.moncompte.accounts;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import ma.moncompte.testing.IntegrationTest;
import ma.moncompte.testing.Mailbox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** TOTP enrolment and two-step sign-in, with codes computed by the test's own RFC 6238 implementation. */
class TwoFactorTest extends IntegrationTest {

	private final JsonMapper json = JsonMapper.builder().build();

	private AccountFixtures fixtures;

	@BeforeEach
	void setUp() {
		this.fixtures = new AccountFixtures(this.db);
	}

	private SecurityApi api() {
		return new SecurityApi(http(), AccountFixtures.newIp());
	}

	@Test
	void enrolSignInWithCodesRejectReplaysUseRecoveryCodesOnceAndDisable() throws Exception {
		AccountFixtures.Citizen citizen = this.fixtures.citizen("totp");
		String token = api().session(citizen.email(), citizen.password());

		assertThat(read(api().post("/api/v1/me/2fa/enrolment", token, Map.of("currentPassword", "not my password"))
			.expectStatus().isBadRequest()).get("type").asString()).endsWith("/invalid-current-password");
		JsonNode enrolment = read(api().post("/api/v1/me/2fa/enrolment", token, Map.of("currentPassword", citizen.password()))
			.expectStatus().isCreated());
		String uri = enrolment.get("otpauthUri").asString();
		assertThat(uri).startsWith("otpauth://totp/Mon%20Compte:" + URLEncoder.encode(citizen.email(), StandardCharsets.UTF_8))
			.contains("secret=" + enrolment.get("secret").asString(), "issuer=Mon%20Compte", "digits=6", "period=30");
		assertThat(enrolment.get("secret").asString()).matches("[A-Z2-7]{32}");
		// The QR code, read back by a QR decoder, is the same URI.
		assertThat(decodeQr(enrolment.get("qrCode").asString())).isEqualTo(uri);
		String storedSecret = this.db.sql("SELECT secret_enc FROM totp_credentials WHERE account_id = :id")
			.bind("id", citizen.id()).map((row, meta) -> row.get("secret_enc", String.class)).one().block();
		assertThat(storedSecret).startsWith("v1:dev1:").doesNotContain(enrolment.get("secret").asString());
		// Not on until confirmed: sign-in still gives a session at once.
		api().login(citizen.email(), citizen.password()).expectStatus().isCreated();

		Rfc6238 app = Rfc6238.fromUri(uri);
		// Codes of steps s-1, s and s+1 are used below, in that order: s-1 must be sent before the server
		// reaches step s+1, so do not start in the last seconds of a step.
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
			.until(() -> app.secondsIntoStep(Instant.now()) <= 24);
		long step = app.stepAt(Instant.now());
		String wrong = app.code(step + 5);

		api().post("/api/v1/me/2fa/confirm", token, Map.of("code", wrong)).expectStatus().isBadRequest();
		JsonNode confirmed = read(api().post("/api/v1/me/2fa/confirm", token, Map.of("code", app.code(step - 1)))
			.expectStatus().isOk());
		List<String> recovery = new ArrayList<>();
		confirmed.get("recoveryCodes").forEach(code -> recovery.add(code.asString()));
		assertThat(recovery).hasSize(10).allMatch(code -> code.matches("[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}"));
		assertThat(new HashSet<>(recovery)).hasSize(10);
		assertThat(read(api().get("/api/v1/me", token).expectStatus().isOk()).get("twoFactorEnabled").asBoolean()).isTrue();
		List<String> hashes = this.db.sql("SELECT code_hash FROM recovery_codes WHERE account_id = :id")
			.bind("id", citizen.id()).map((row, meta) -> row.get("code_hash", String.class)).all().collectList().block();
		assertThat(hashes).hasSize(10).allMatch(hash -> hash.startsWith("{argon2}"));
		assertThat(String.join(" ", hashes)).doesNotContain(recovery.get(0).substring(5).replace("-", ""));

		// Two steps: the password gives a challenge, not a session.
		JsonNode challenge = passwordStep(citizen);
		assertThat(challenge.has("token")).isFalse();
		// The code that confirmed the enrolment was used in its window: refused.
		secondFactor(challenge, app.code(step - 1)).expectStatus().isUnauthorized();
		String session = read(secondFactor(challenge, app.code(step)).expectStatus().isCreated()).get("token").asString();
		api().get("/api/v1/me", session).expectStatus().isOk();
		// A challenge gives one session only.
		read(secondFactor(challenge, app.code(step + 1)).expectStatus().isUnauthorized());

		// Replay of the code just used, on a new challenge: refused.
		JsonNode again = passwordStep(citizen);
		assertThat(read(secondFactor(again, app.code(step)).expectStatus().isUnauthorized()).get("type").asString())
			.endsWith("/invalid-code");

		// The same fresh code sent on four challenges at once: exactly one session.
		List<JsonNode> challenges = List.of(passwordStep(citizen), passwordStep(citizen), passwordStep(citizen),
				passwordStep(citizen));
		String next = app.code(step + 1);
		WebClient client = this.portal.webClient();
		List<Integer> statuses = Flux.fromIterable(challenges)
			.flatMap(c -> client.post().uri("/api/v1/sessions/two-factor")
				.header("X-Forwarded-For", AccountFixtures.newIp())
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("challenge", c.get("challenge").asString(), "code", next))
				.exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value())), 4)
			.collectList()
			.block(Duration.ofSeconds(30));
		assertThat(statuses).containsExactlyInAnyOrder(201, 401, 401, 401);

		// A recovery code works once, typed in any case and without dashes.
		JsonNode withRecovery = passwordStep(citizen);
		secondFactor(withRecovery, recovery.get(0).toLowerCase().replace("-", "")).expectStatus().isCreated();
		secondFactor(passwordStep(citizen), recovery.get(0)).expectStatus().isUnauthorized();
		JsonNode status = read(api().get("/api/v1/me/2fa", token).expectStatus().isOk());
		assertThat(status.get("enabled").asBoolean()).isTrue();
		assertThat(status.get("recoveryCodesLeft").asInt()).isEqualTo(9);
		List<String> activity = new ArrayList<>();
		read(api().get("/api/v1/me/activity", token).expectStatus().isOk()).forEach(e -> activity.add(e.get("type").asString()));
		assertThat(activity).contains("2fa.enabled", "2fa.recovery-code-used", "login.failed", "login.succeeded");

		// Turning it off needs a code.
		api().post("/api/v1/me/2fa/disable", token, Map.of("code", "000000")).expectStatus().isBadRequest();
		api().post("/api/v1/me/2fa/disable", token, Map.of("code", recovery.get(1))).expectStatus().isNoContent();
		api().login(citizen.email(), citizen.password()).expectStatus().isCreated();
		assertThat(this.db.sql("SELECT count(*) AS n FROM recovery_codes WHERE account_id = :id").bind("id", citizen.id())
			.map((row, meta) -> row.get("n", Long.class)).one().block()).isZero();

		Mailbox mailbox = new Mailbox(stack().mail());
		await().atMost(Duration.ofSeconds(30)).until(() -> mailbox.messagesTo(citizen.email()).size() >= 2);
		List<String> subjects = mailbox.messagesTo(citizen.email()).stream().map(m -> {
			try {
				return m.getSubject();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}).toList();
		assertThat(subjects).contains("Double authentification activée – Mon Compte",
				"Double authentification désactivée – Mon Compte");
	}

	private JsonNode passwordStep(AccountFixtures.Citizen citizen) {
		JsonNode body = read(api().login(citizen.email(), citizen.password()).expectStatus().isEqualTo(HttpStatus.ACCEPTED));
		assertThat(body.get("status").asString()).isEqualTo("two-factor-required");
		return body;
	}

	private WebTestClient.ResponseSpec secondFactor(JsonNode challenge, String code) {
		return api().post("/api/v1/sessions/two-factor", null,
				Map.of("challenge", challenge.get("challenge").asString(), "code", code));
	}

	private static String decodeQr(String dataUri) throws Exception {
		assertThat(dataUri).startsWith("data:image/png;base64,");
		byte[] png = Base64.getDecoder().decode(dataUri.substring("data:image/png;base64,".length()));
		BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
		int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
		RGBLuminanceSource source = new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels);
		return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source))).getText();
	}

	private JsonNode read(WebTestClient.ResponseSpec response) {
		return this.json.readTree(response.expectBody(String.class).returnResult().getResponseBody());
	}

}
