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
	public Mono<AccountSummary> findById(UUID id) {
		return this.accounts.findById(id).map(AccountDirectoryService::summary);
	}

	private static AccountSummary summary(Account account) {
		return new AccountSummary(account.id(), account.email(), account.firstName(), account.lastName(),
				account.preferredLanguage());
	}

}
