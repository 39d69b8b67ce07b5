package ma.moncompte.accounts.internal;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import ma.moncompte.accounts.StaffAccounts;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
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
	public Flux<UUID> ensureStaff(List<NewStaff> staff, String initialPassword) {
		return this.passwords.hash(initialPassword)
			.flatMapMany(hash -> Flux.fromIterable(staff).concatMap(member -> ensure(member, hash)));
	}

	private Mono<UUID> ensure(NewStaff member, String hash) {
		String email = Registrations.normalizeEmail(member.email());
		return this.accounts
			.insertIfAbsent(new AccountRepository.NewAccount(email, hash, member.firstName(), member.lastName(), "fr",
					Set.of(member.role()), member.consulateCode(), true))
			.map(Account::id)
			.switchIfEmpty(Mono.defer(() -> this.accounts.findByEmail(email).map(Account::id)));
	}

}
