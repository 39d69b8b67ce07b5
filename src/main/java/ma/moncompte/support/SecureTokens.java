package ma.moncompte.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Opaque bearer secrets and their one-way digests; only digests are ever stored. */
public final class SecureTokens {

	private static final SecureRandom RANDOM = new SecureRandom();

	/** Crockford's alphabet: no I, L, O or U, so references read back over the phone without confusion. */
	private static final char[] REFERENCE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

	private SecureTokens() {
	}

	/** 256 random bits, URL-safe. */
	public static String newToken() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	public static String sha256(String value) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JRE", ex);
		}
	}

	/** A short reference such as {@code RDV-7K3M-9QX2}: 40 random bits, unique enough with a unique index behind it. */
	public static String reference(String prefix) {
		StringBuilder sb = new StringBuilder(prefix).append('-');
		for (int i = 0; i < 8; i++) {
			if (i == 4) {
				sb.append('-');
			}
			sb.append(REFERENCE_ALPHABET[RANDOM.nextInt(REFERENCE_ALPHABET.length)]);
		}
		return sb.toString();
	}

}
