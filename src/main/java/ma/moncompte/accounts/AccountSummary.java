package ma.moncompte.accounts;

import java.util.UUID;

/**
 * What other modules may know of an account.
 *
 * @param preferredLanguage {@code fr}, {@code ar} or {@code en}: the language to write to the person in
 * @param verified whether the owner confirmed the address (and so can sign in)
 */
public record AccountSummary(UUID id, String email, String firstName, String lastName, String preferredLanguage,
		boolean verified) {
}
