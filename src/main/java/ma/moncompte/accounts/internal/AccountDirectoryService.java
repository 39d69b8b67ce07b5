package ma.moncompte.accounts.internal;

import java.util.UUID;

import ma.moncompte.accounts.AccountDirectory;
import ma.moncompte.accounts.AccountSummary;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

@Component
class AccountDirectoryService implements AccountDirectory {

	private final AccountRepository accounts;

	AccountDirectoryService(AccountRepository accounts) {
		this.accounts = accounts;
	}

	@Override
	public Mono<AccountSummary> findByEmail(String email) {
		if (email == null || email.isBlank()) {
			return Mono.empty();
		}
		return this.accounts.findByEmail(Registrations.normalizeEmail(email)).map(AccountDirectoryService::summary);
	}

	@Override
	public Mono<AccountSummary> findById(UUID accountId) {
		return accountId == null ? Mono.empty() : this.accounts.findById(accountId).map(AccountDirectoryService::summary);
	}

	private static AccountSummary summary(Account account) {
		return new AccountSummary(account.id(), account.email(), account.firstName(), account.lastName(),
				account.preferredLanguage(), account.verified());
	}

}
