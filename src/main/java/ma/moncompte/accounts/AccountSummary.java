package ma.moncompte.accounts;

import java.util.UUID;

/** What other features may know of an account: who it is and how to write to them. */
public record AccountSummary(UUID id, String email, String firstName, String lastName, String preferredLanguage) {
}
