package ma.moncompte.accounts.internal;

import java.util.List;

import ma.moncompte.accounts.CurrentUser;
import ma.moncompte.support.ApiProblem;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Sensitive changes ask for the current password again (OWASP ASVS re-authentication), throttled like
 * sign-in so that a stolen session cannot be used to guess the password.
 */
@Component
class Reauthentication {

	private final AccountRepository accounts;

	private final Passwords passwords;

	private final Throttling throttling;

	Reauthentication(AccountRepository accounts, Passwords passwords, Throttling throttling) {
		this.accounts = accounts;
		this.passwords = passwords;
		this.throttling = throttling;
	}

	/** Emits the caller's account when the password is right. */
	Mono<Account> withPassword(CurrentUser user, String currentPassword) {
		List<Throttling.Counter> counters = List.of(this.throttling.reauthentication(user.accountId()));
		return this.throttling.attempt(counters)
			.then(this.accounts.findById(user.accountId()))
			.flatMap(account -> this.passwords.matches(currentPassword, account.passwordHash())
				.flatMap(matches -> matches ? this.throttling.succeeded(counters).thenReturn(account)
						: Mono.error(invalidPassword())));
	}

	/** Counts an attempt at a second factor made from within a session. */
	Mono<Void> attempt(CurrentUser user) {
		return this.throttling.attempt(List.of(this.throttling.reauthentication(user.accountId()))).then();
	}

	Mono<Void> succeeded(CurrentUser user) {
		return this.throttling.succeeded(List.of(this.throttling.reauthentication(user.accountId())));
	}

	static ApiProblem invalidPassword() {
		return ApiProblem.badRequest("invalid-current-password", "Wrong password", "The current password is wrong.");
	}

}
