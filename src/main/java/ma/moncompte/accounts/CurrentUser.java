package ma.moncompte.accounts;

import java.util.Set;
import java.util.UUID;

/**
 * The authenticated caller, as every feature sees it ({@code @AuthenticationPrincipal CurrentUser}).
 *
 * @param consulateCode the post an agent works for; {@code null} for citizens and admins
 */
public record CurrentUser(UUID accountId, UUID sessionId, String email, String preferredLanguage, Set<Role> roles,
		String consulateCode) {

	public CurrentUser {
		roles = Set.copyOf(roles);
	}

	public boolean isAdmin() {
		return this.roles.contains(Role.ADMIN);
	}

	/** Agents act for their own post only; admins act for every post. */
	public boolean actsFor(String consulate) {
		return isAdmin() || (this.roles.contains(Role.AGENT) && consulate != null
				&& consulate.equalsIgnoreCase(this.consulateCode));
	}

}
