package ma.moncompte.accounts;

import java.util.UUID;

import reactor.core.publisher.Mono;

/**
 * Read-only look-up of accounts for other modules, which never read the accounts tables themselves:
 * for example to address a citizen that an agent names by email, in that citizen's language.
 */
public interface AccountDirectory {

	/** The account using this address (compared case-insensitively); empty when there is none. */
	Mono<AccountSummary> findByEmail(String email);

	/** Empty when the account does not exist. */
	Mono<AccountSummary> findById(UUID accountId);

}
