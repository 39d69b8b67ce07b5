package ma.moncompte.dispatch.internal;

import java.security.SecureRandom;
import java.util.Base64;

/** Standard Webhooks secrets: {@code whsec_} and the base64 of 32 random bytes, which are the HMAC key. */
final class SigningSecrets {

	static final String PREFIX = "whsec_";

	static final int KEY_BYTES = 32;

	private static final SecureRandom RANDOM = new SecureRandom();

	private SigningSecrets() {
	}

	static byte[] newKey() {
		byte[] key = new byte[KEY_BYTES];
		RANDOM.nextBytes(key);
		return key;
	}

	static String format(byte[] key) {
		return PREFIX + Base64.getEncoder().encodeToString(key);
	}

}
