package ma.moncompte.accounts.internal;

import java.util.Map;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Password hashing, always off the event loop: Argon2id takes tens of milliseconds by design. The
 * delegating encoder prefixes each hash with its algorithm, so the default can move on without
 * invalidating stored hashes.
 */
@Component
class Passwords {

	private final PasswordEncoder encoder = new DelegatingPasswordEncoder("argon2",
			Map.of("argon2", Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(), "bcrypt",
					new BCryptPasswordEncoder()));

	/** Compared against when the account does not exist, so both answers take as long. */
	private final String decoyHash = this.encoder.encode("decoy-password-for-constant-time");

	Mono<String> hash(String rawPassword) {
		return Mono.fromCallable(() -> this.encoder.encode(rawPassword)).subscribeOn(Schedulers.boundedElastic());
	}

	Mono<Boolean> matches(String rawPassword, String storedHash) {
		String hash = storedHash == null ? this.decoyHash : storedHash;
		return Mono.fromCallable(() -> safeMatches(rawPassword, hash) && storedHash != null)
			.subscribeOn(Schedulers.boundedElastic());
	}

	/** A hash of an unknown scheme (or an unusable marker such as a closed account's) never matches. */
	private boolean safeMatches(String rawPassword, String hash) {
		try {
			return this.encoder.matches(rawPassword, hash);
		}
		catch (IllegalArgumentException unknownScheme) {
			return false;
		}
	}

}
