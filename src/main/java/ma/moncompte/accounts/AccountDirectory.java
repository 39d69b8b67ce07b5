package ma.moncompte.accounts;

import java.util.UUID;

import reactor.core.publisher.Mono;

/** Read-only look-ups of accounts, for features that write to a citizen (mail in their language). */
public interface AccountDirectory {

	/** Emits nothing for an unknown account. */
	Mono<AccountSummary> findById(UUID id);

}
