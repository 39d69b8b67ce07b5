package ma.moncompte.dispatch;

import java.time.Instant;

/**
 * A courier and a freshly issued signing secret.
 *
 * @param secret {@code whsec_} followed by the base64 of 32 random bytes, as Standard Webhooks libraries
 * expect it
 * @param previousSecretValidUntil when the secret this one replaces stops verifying; {@code null} for a
 * courier's first secret
 */
public record CourierCredentials(String code, String name, String secret, Instant previousSecretValidUntil) {
}
