package ma.moncompte.dispatch.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * AES-GCM encryption of the couriers' signing secrets. The key lives in configuration only, so a copy of
 * the database alone cannot forge webhooks. Each ciphertext is bound to its row (associated data), so
 * rows cannot be swapped between couriers.
 */
@Component
class SecretCipher {

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final SecretKey key;

	SecretCipher(DispatchProperties properties) {
		this.key = parseKey(properties.secretEncryptionKey());
	}

	record Sealed(byte[] nonce, byte[] ciphertext) {
	}

	Sealed encrypt(byte[] plaintext, String associatedData) {
		byte[] nonce = new byte[NONCE_BYTES];
		RANDOM.nextBytes(nonce);
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
			return new Sealed(nonce, cipher.doFinal(plaintext));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is part of every JRE", ex);
		}
	}

	/** Fails when the key is not the one that encrypted the row, or the row was altered. */
	byte[] decrypt(Sealed sealed, String associatedData) {
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, sealed.nonce()));
			cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
			return cipher.doFinal(sealed.ciphertext());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("A courier secret cannot be decrypted: wrong encryption key or altered row", ex);
		}
	}

	private static SecretKey parseKey(String base64) {
		if (base64 == null || base64.isBlank()) {
			throw new IllegalStateException("moncompte.dispatch.secret-encryption-key (DISPATCH_SECRET_KEY) is not set");
		}
		byte[] bytes;
		try {
			bytes = Base64.getDecoder().decode(base64.trim());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("moncompte.dispatch.secret-encryption-key must be base64", ex);
		}
		if (bytes.length != 16 && bytes.length != 24 && bytes.length != 32) {
			throw new IllegalStateException(
					"moncompte.dispatch.secret-encryption-key must decode to 16, 24 or 32 bytes (AES-128/192/256), not "
							+ bytes.length);
		}
		return new SecretKeySpec(bytes, "AES");
	}

}
