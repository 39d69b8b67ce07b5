package ma.moncompte.accounts.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The key ring that encrypts identity numbers and TOTP secrets at rest (AES-256-GCM). New values are
 * encrypted with the current key; every ciphertext names its key id, so values written under an older
 * key stay readable while that key is listed in {@code oldKeys}, and are re-encrypted on start-up.
 *
 * @param keyId id of the current key, stored with every ciphertext
 * @param key the current key: 32 random bytes, base64
 * @param oldKeys retired keys kept for decryption, as {@code id:base64key} separated by commas
 */
@ConfigurationProperties("moncompte.accounts.encryption")
record EncryptionProperties(@DefaultValue("k1") String keyId, String key, @DefaultValue("") String oldKeys) {
}
