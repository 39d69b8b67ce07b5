package ma.moncompte.accounts.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * NIST SP 800-63B rules: length first (12 to 128 characters, counted as Unicode code points so Arabic
 * passphrases count fairly), no known-breached or common password, and nothing built from the email.
 * No composition rules: they push people to predictable patterns.
 */
@Component
class PasswordPolicy {

	static final int MIN_LENGTH = 12;

	static final int MAX_LENGTH = 128;

	private final Set<String> common;

	PasswordPolicy() {
		this.common = load("accounts/common-passwords.txt");
	}

	List<String> violations(String email, String password) {
		List<String> violations = new ArrayList<>();
		int length = password.codePointCount(0, password.length());
		if (length < MIN_LENGTH) {
			violations.add("must be at least " + MIN_LENGTH + " characters long");
		}
		if (length > MAX_LENGTH) {
			violations.add("must be at most " + MAX_LENGTH + " characters long");
		}
		String lower = password.toLowerCase(Locale.ROOT);
		if (this.common.contains(lower)) {
			violations.add("is one of the most common passwords");
		}
		String localPart = email.substring(0, Math.max(0, email.indexOf('@'))).toLowerCase(Locale.ROOT);
		if (localPart.length() >= 3 && lower.contains(localPart)) {
			violations.add("must not contain your email address");
		}
		return violations;
	}

	private static Set<String> load(String resource) {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(new ClassPathResource(resource).getInputStream(), StandardCharsets.UTF_8))) {
			return reader.lines().filter(line -> !line.startsWith("#") && !line.isBlank())
				.collect(Collectors.toUnmodifiableSet());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
