package ma.moncompte.accounts.internal;

import java.security.SecureRandom;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The key ring: rotation keeps old values readable, and ciphertexts are bound to their key, row and column. */
class IdentityCipherTest {

	private static String newKey() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}

	@Test
	void aRotatedRingReadsOldValuesAndWritesWithTheNewKey() {
		String oldKey = newKey();
		IdentityCipher before = IdentityCipher.from(new EncryptionProperties("k1", oldKey, ""));
		String stored = before.encrypt("AB1234567", "accounts.passport_number_enc|42");
		assertThat(stored).startsWith("v1:k1:");

		IdentityCipher after = IdentityCipher.from(new EncryptionProperties("k2", newKey(), "k1:" + oldKey));
		assertThat(after.decrypt(stored, "accounts.passport_number_enc|42")).isEqualTo("AB1234567");
		assertThat(after.needsRotation(stored)).isTrue();
		String rewritten = after.encrypt("AB1234567", "accounts.passport_number_enc|42");
		assertThat(rewritten).startsWith("v1:k2:");
		assertThat(after.needsRotation(rewritten)).isFalse();

		// Once the old key is dropped from the ring, its values no longer decrypt.
		IdentityCipher dropped = IdentityCipher.from(new EncryptionProperties("k2", newKey(), ""));
		assertThatThrownBy(() -> dropped.decrypt(stored, "accounts.passport_number_enc|42"))
			.hasMessageContaining("k1 is no longer configured");
	}

	@Test
	void tamperingOrMovingACiphertextIsDetected() {
		IdentityCipher cipher = IdentityCipher.from(new EncryptionProperties("k1", newKey(), ""));
		String stored = cipher.encrypt("BE123456", "accounts.cnie_number_enc|A");
		assertThat(cipher.encrypt("BE123456", "accounts.cnie_number_enc|A")).isNotEqualTo(stored);
		assertThatThrownBy(() -> cipher.decrypt(stored, "accounts.cnie_number_enc|B")).hasMessageContaining("integrity");
		assertThatThrownBy(() -> cipher.decrypt(stored, "accounts.passport_number_enc|A")).hasMessageContaining("integrity");
		char[] chars = stored.toCharArray();
		int last = chars.length - 1;
		chars[last] = chars[last] == 'A' ? 'B' : 'A';
		assertThatThrownBy(() -> cipher.decrypt(new String(chars), "accounts.cnie_number_enc|A")).isInstanceOf(IllegalStateException.class);
	}

	@Test
	void aMissingOrMalformedKeyStopsStartUp() {
		assertThatThrownBy(() -> IdentityCipher.from(new EncryptionProperties("k1", null, "")))
			.hasMessageContaining("IDENTITY_ENCRYPTION_KEY");
		assertThatThrownBy(() -> IdentityCipher.from(new EncryptionProperties("k1", "c2hvcnQ=", "")))
			.hasMessageContaining("32 bytes");
	}

	@Test
	void masksShowTheLastThreeCharactersOnly() {
		assertThat(IdentityCipher.mask("AB1234567")).isEqualTo("******567");
		assertThat(IdentityCipher.mask("ABCD")).isEqualTo("***BCD");
		assertThat(IdentityCipher.mask("ABC")).isEqualTo("***");
		assertThat(IdentityCipher.mask(null)).isNull();
	}

}
