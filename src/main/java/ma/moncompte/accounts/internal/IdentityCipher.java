package ma.moncompte.accounts.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for small secrets at rest. A ciphertext reads {@code v1:<key id>:<base64url(nonce ||
 * ciphertext || tag)>}; the associated data binds it to its account and field, so a value copied into
 * another row or column fails to decrypt instead of showing up under the wrong name.
 */
final class IdentityCipher {

	private static final String PREFIX = "v1";

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final String currentKeyId;

	private final Map<String, SecretKey> keys;

	IdentityCipher(String currentKeyId, Map<String, byte[]> keys) {
		if (currentKeyId == null || !currentKeyId.matches("[A-Za-z0-9_-]{1,32}")) {
			throw new IllegalArgumentException("The encryption key id must be 1 to 32 letters, digits, - or _");
		}
		if (!keys.containsKey(currentKeyId)) {
			throw new IllegalArgumentException("No encryption key for the current key id " + currentKeyId);
		}
		Map<String, SecretKey> ring = new LinkedHashMap<>();
		keys.forEach((id, bytes) -> {
			if (bytes.length != 32) {
				throw new IllegalArgumentException("Encryption key " + id + " must be 32 bytes (base64 of 32 random bytes)");
			}
			ring.put(id, new SecretKeySpec(bytes, "AES"));
		});
		this.currentKeyId = currentKeyId;
		this.keys = Map.copyOf(ring);
	}

	static IdentityCipher from(EncryptionProperties properties) {
		if (properties.key() == null || properties.key().isBlank()) {
			throw new IllegalStateException(
					"moncompte.accounts.encryption.key (IDENTITY_ENCRYPTION_KEY) is not set: give it 32 random bytes, base64");
		}
		Map<String, byte[]> keys = new LinkedHashMap<>();
		for (String entry : properties.oldKeys().split(",")) {
			if (entry.isBlank()) {
				continue;
			}
			int colon = entry.indexOf(':');
			if (colon <= 0) {
				throw new IllegalStateException("moncompte.accounts.encryption.old-keys entries read id:base64key");
			}
			keys.put(entry.substring(0, colon).trim(), decodeKey(entry.substring(colon + 1)));
		}
		keys.put(properties.keyId(), decodeKey(properties.key()));
		return new IdentityCipher(properties.keyId(), keys);
	}

	private static byte[] decodeKey(String base64) {
		try {
			return Base64.getDecoder().decode(base64.trim());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("An encryption key is not valid base64");
		}
	}

	String currentKeyId() {
		return this.currentKeyId;
	}

	String encrypt(String plaintext, String associatedData) {
		if (plaintext == null) {
			return null;
		}
		byte[] nonce = new byte[NONCE_BYTES];
		RANDOM.nextBytes(nonce);
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.keys.get(this.currentKeyId), new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(aad(this.currentKeyId, associatedData));
			byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
			byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
			return PREFIX + ":" + this.currentKeyId + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is part of every JRE", ex);
		}
	}

	String decrypt(String stored, String associatedData) {
		if (stored == null) {
			return null;
		}
		String[] parts = stored.split(":", 3);
		if (parts.length != 3 || !PREFIX.equals(parts[0])) {
			throw new IllegalStateException("Not a ciphertext of this application");
		}
		SecretKey key = this.keys.get(parts[1]);
		if (key == null) {
			throw new IllegalStateException("Encryption key " + parts[1] + " is no longer configured");
		}
		byte[] in = Base64.getUrlDecoder().decode(parts[2]);
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
			cipher.updateAAD(aad(parts[1], associatedData));
			return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("A stored ciphertext failed its integrity check", ex);
		}
	}

	/** Whether a stored value was written under another key than the current one. */
	boolean needsRotation(String stored) {
		return stored != null && !stored.startsWith(PREFIX + ":" + this.currentKeyId + ":");
	}

	private static byte[] aad(String keyId, String associatedData) {
		return (PREFIX + "|" + keyId + "|" + associatedData).getBytes(StandardCharsets.UTF_8);
	}

	/** Shows only the last three characters, the way a citizen recognises their own document. */
	static String mask(String value) {
		if (value == null) {
			return null;
		}
		int visible = value.length() > 3 ? 3 : 0;
		return "*".repeat(Math.max(3, value.length() - visible)) + value.substring(value.length() - visible);
	}

}
