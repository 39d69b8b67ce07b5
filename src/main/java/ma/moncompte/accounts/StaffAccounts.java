package ma.moncompte.accounts;

import java.util.UUID;

import reactor.core.publisher.Mono;

/** Creates consulate staff accounts, which never go through public sign-up. */
public interface StaffAccounts {

	/**
	 * Creates a verified staff account unless the email already exists; emits the account id either way.
	 * @param consulateCode the agent's post; {@code null} for admins
	 */
	Mono<UUID> ensureStaff(String email, String password, String firstName, String lastName, Role role,
			String consulateCode);

}
