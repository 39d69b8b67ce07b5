package ma.moncompte.dispatch;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/** Admins register couriers; the secret is Standard Webhooks shaped, shown once, and encrypted at rest. */
class CourierAdministrationTest extends DispatchTest {

	@Value("${moncompte.dispatch.secret-encryption-key}")
	private String encryptionKey;

	@Test
	void registeringACourierIssuesAStandardWebhooksSecretStoredEncrypted() throws Exception {
		String code = "dhl-" + UUID.randomUUID().toString().substring(0, 6);
		JsonNode created = read(http().post().uri("/api/v1/admin/couriers")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.admin)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("code", code, "name", "DHL Express"))
			.exchange()
			.expectStatus().isCreated()
			.expectHeader().cacheControl(CacheControl.noStore())
			.expectBody(String.class).returnResult().getResponseBody());

		String normalized = code.toUpperCase();
		assertThat(created.get("code").asString()).isEqualTo(normalized);
		assertThat(created.get("name").asString()).isEqualTo("DHL Express");
		String secret = created.get("secret").asString();
		assertThat(secret).matches("whsec_[A-Za-z0-9+/]{43}=");
		byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
		assertThat(key).hasSize(32);

		// At rest: AES-GCM under the configured key, nothing readable in the row itself.
		var stored = this.db.sql("SELECT id, nonce, ciphertext, expires_at FROM courier_secrets WHERE courier_code = :code")
			.bind("code", normalized)
			.map((row, meta) -> Map.of("id", row.get("id", UUID.class), "nonce", row.get("nonce", byte[].class),
					"ciphertext", row.get("ciphertext", byte[].class)))
			.all().collectList().block();
		assertThat(stored).hasSize(1);
		byte[] ciphertext = (byte[]) stored.get(0).get("ciphertext");
		assertThat(ciphertext).hasSize(32 + 16);
		assertThat(new String(ciphertext, StandardCharsets.ISO_8859_1))
			.doesNotContain(new String(key, StandardCharsets.ISO_8859_1));
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(Base64.getDecoder().decode(this.encryptionKey), "AES"),
				new GCMParameterSpec(128, (byte[]) stored.get(0).get("nonce")));
		cipher.updateAAD(("courier-secret:" + normalized + ":" + stored.get(0).get("id")).getBytes(StandardCharsets.UTF_8));
		assertThat(cipher.doFinal(ciphertext)).isEqualTo(key);

		// Listed without any secret.
		String listed = http().get().uri("/api/v1/admin/couriers").header(HttpHeaders.AUTHORIZATION, "Bearer " + this.admin)
			.exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
		assertThat(listed).doesNotContain(secret).doesNotContain("secret\"");
		JsonNode mine = null;
		for (JsonNode courier : read(listed)) {
			if (courier.get("code").asString().equals(normalized)) {
				mine = courier;
			}
		}
		assertThat(mine).isNotNull();
		assertThat(mine.get("activeSecrets").asInt()).isEqualTo(1);

		// The same code again: 409, and no second secret.
		http().post().uri("/api/v1/admin/couriers")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.admin)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("code", normalized, "name", "Someone else"))
			.exchange()
			.expectStatus().isEqualTo(409)
			.expectBody().jsonPath("$.type").isEqualTo("https://moncompte.example/problems/courier-exists");
	}

	@Test
	void onlyAdminsManageCouriers() {
		String citizen = this.citizens.create().token();
		Map<String, String> body = Map.of("code", "NOPE-" + UUID.randomUUID().toString().substring(0, 4), "name", "Nope");
		for (String token : new String[] { citizen, this.agent }) {
			http().post().uri("/api/v1/admin/couriers").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
				.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange().expectStatus().isForbidden();
			http().post().uri("/api/v1/admin/couriers/DEMO-EXPRESS/secrets").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
				.exchange().expectStatus().isForbidden();
		}
		http().post().uri("/api/v1/admin/couriers").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
			.expectStatus().isUnauthorized();
		http().post().uri("/api/v1/admin/couriers/NO-SUCH-COURIER/secrets")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.admin).exchange().expectStatus().isNotFound();
		http().post().uri("/api/v1/admin/couriers").header(HttpHeaders.AUTHORIZATION, "Bearer " + this.admin)
			.contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("code", "bad code!", "name", "x")).exchange()
			.expectStatus().isBadRequest();
	}

	@Test
	void theDevStackSeedsTwoDemoCouriers() {
		Long demo = this.db.sql("SELECT count(*) AS n FROM couriers WHERE code IN ('DEMO-EXPRESS', 'DEMO-POSTE')")
			.map((row, meta) -> row.get("n", Long.class)).one().block();
		assertThat(demo).isEqualTo(2);
	}

}
