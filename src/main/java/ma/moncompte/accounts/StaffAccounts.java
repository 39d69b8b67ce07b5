package ma.moncompte.accounts;

import java.util.List;
import java.util.UUID;

import reactor.core.publisher.Flux;

/** Creates consulate staff accounts, which never go through public sign-up. */
public interface StaffAccounts {

	/**
	 * Creates the verified staff accounts that do not exist yet, all with one initial password (hashed
	 * once); emits every member's account id, in order.
	 */
	Flux<UUID> ensureStaff(List<NewStaff> staff, String initialPassword);

	/** @param consulateCode the agent's post; {@code null} for admins */
	record NewStaff(String email, String firstName, String lastName, Role role, String consulateCode) {
	}

}
