package ma.moncompte.accounts.internal;

import java.util.Set;
import java.util.UUID;

import ma.moncompte.accounts.Role;
import ma.moncompte.accounts.StaffAccounts;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

@Component
class StaffAccountsService implements StaffAccounts {

	private final AccountRepository accounts;

	private final Passwords passwords;

	StaffAccountsService(AccountRepository accounts, Passwords passwords) {
		this.accounts = accounts;
		this.passwords = passwords;
	}

	@Override
	public Mono<UUID> ensureStaff(String email, String password, String firstName, String lastName, Role role,
			String consulateCode) {
		String normalized = Registrations.normalizeEmail(email);
		return this.accounts.findByEmail(normalized)
			.map(Account::id)
			.switchIfEmpty(Mono.defer(() -> this.passwords.hash(password)
				.flatMap(hash -> this.accounts.insertIfAbsent(new AccountRepository.NewAccount(normalized, hash,
						firstName, lastName, "fr", Set.of(role), consulateCode, true)))
				.map(Account::id)
				.switchIfEmpty(Mono.defer(() -> this.accounts.findByEmail(normalized).map(Account::id)))));
	}

}
