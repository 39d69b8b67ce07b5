package ma.moncompte.dispatch.internal;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import com.standardwebhooks.Webhook;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The portal's signature check agrees with the official library, and the secret cipher fails closed. */
class SigningPrimitivesTest {

	private static final SecureRandom RANDOM = new SecureRandom();

	@Test
	void ourSignatureIsTheOfficialLibrarysOnTheSameBytes() throws Exception {
		for (int i = 0; i < 50; i++) {
			byte[] key = SigningSecrets.newKey();
			String secret = SigningSecrets.format(key);
			assertThat(secret).startsWith("whsec_").hasSize(6 + 44);
			String body = "{\"message\":\"Livré à Zoé – وصلت " + i + "\",\"n\":" + RANDOM.nextLong() + "}";
			String id = "msg_" + i;
			long timestamp = Instant.now().getEpochSecond() - i;
			String official = new Webhook(secret).sign(id, timestamp, body);

			byte[] ours = WebhookSignatures.sign(key, id, Long.toString(timestamp), body.getBytes(StandardCharsets.UTF_8));
			assertThat("v1," + Base64.getEncoder().encodeToString(ours)).isEqualTo(official);
			var headers = new WebhookSignatures.SignedHeaders(id, Long.toString(timestamp), official);
			assertThat(WebhookSignatures.matches(List.of(SigningSecrets.newKey(), key), headers,
					body.getBytes(StandardCharsets.UTF_8))).isTrue();
			assertThat(WebhookSignatures.matches(List.of(SigningSecrets.newKey()), headers,
					body.getBytes(StandardCharsets.UTF_8))).isFalse();
		}
	}

	@Test
	void theTimestampWindowIsFiveMinutesEitherWay() {
		Instant now = Instant.parse("2026-03-01T10:00:00Z");
		Duration tolerance = Duration.ofMinutes(5);
		long at = now.getEpochSecond();
		assertThat(WebhookSignatures.checkHeaders(headers(at - 300), now, tolerance)).isEmpty();
		assertThat(WebhookSignatures.checkHeaders(headers(at + 300), now, tolerance)).isEmpty();
		assertThat(WebhookSignatures.checkHeaders(headers(at - 301), now, tolerance))
			.contains(WebhookSignatures.Rejection.STALE_TIMESTAMP);
		assertThat(WebhookSignatures.checkHeaders(headers(at + 301), now, tolerance))
			.contains(WebhookSignatures.Rejection.FUTURE_TIMESTAMP);
		assertThat(WebhookSignatures.checkHeaders(new WebhookSignatures.SignedHeaders("msg_1", "12.5", "v1,x"), now,
				tolerance)).contains(WebhookSignatures.Rejection.MALFORMED_HEADERS);
	}

	@Test
	void secretsAreEncryptedPerRowAndFailClosed() {
		SecretCipher cipher = new SecretCipher(properties(Base64.getEncoder().encodeToString(random(32))));
		byte[] key = SigningSecrets.newKey();
		SecretCipher.Sealed sealed = cipher.encrypt(key, "courier-secret:DHL:1");
		SecretCipher.Sealed again = cipher.encrypt(key, "courier-secret:DHL:1");
		assertThat(sealed.nonce()).isNotEqualTo(again.nonce());
		assertThat(sealed.ciphertext()).isNotEqualTo(again.ciphertext());
		assertThat(cipher.decrypt(sealed, "courier-secret:DHL:1")).isEqualTo(key);
		// Moved to another row or courier, or read with another key: refused.
		assertThatThrownBy(() -> cipher.decrypt(sealed, "courier-secret:UPS:1")).isInstanceOf(IllegalStateException.class);
		SecretCipher other = new SecretCipher(properties(Base64.getEncoder().encodeToString(random(32))));
		assertThatThrownBy(() -> other.decrypt(sealed, "courier-secret:DHL:1")).isInstanceOf(IllegalStateException.class);
		// A key of the wrong size, or none, stops the application at start-up.
		assertThatThrownBy(() -> new SecretCipher(properties(Base64.getEncoder().encodeToString(random(20)))))
			.hasMessageContaining("16, 24 or 32 bytes");
		assertThatThrownBy(() -> new SecretCipher(properties(""))).hasMessageContaining("DISPATCH_SECRET_KEY");
	}

	private static WebhookSignatures.SignedHeaders headers(long timestamp) {
		return new WebhookSignatures.SignedHeaders("msg_1", Long.toString(timestamp), "v1,x");
	}

	private static DispatchProperties properties(String key) {
		return new DispatchProperties(key, Duration.ofHours(24), Duration.ofMinutes(5), DataSize.ofKilobytes(64),
				Duration.ofDays(30), "0 40 * * * *");
	}

	private static byte[] random(int length) {
		byte[] bytes = new byte[length];
		RANDOM.nextBytes(bytes);
		return bytes;
	}

}
