package ma.moncompte.accounts.internal;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import ma.moncompte.accounts.Role;

record Account(UUID id, String email, String passwordHash, String firstName, String lastName,
		String preferredLanguage, Set<Role> roles, String consulateCode, Instant verifiedAt) {

	boolean verified() {
		return this.verifiedAt != null;
	}

}
