package ma.moncompte.accounts.internal;

import java.util.List;
import java.util.function.Supplier;

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
		return guarded(user, () -> this.accounts.findById(user.accountId())
			.flatMap(account -> this.passwords.matches(currentPassword, account.passwordHash())
				.flatMap(matches -> matches ? Mono.just(account) : Mono.error(invalidPassword()))));
	}

	/**
	 * Runs a check of a secret (a code, a password) made from within a session as one throttled attempt:
	 * counted first, given back if the check completes, counted as a failure if it fails in any way.
	 */
	<T> Mono<T> guarded(CurrentUser user, Supplier<Mono<T>> check) {
		List<Throttling.Counter> counters = List.of(this.throttling.reauthentication(user.accountId()));
		return this.throttling.attempt(counters)
			.then(Mono.defer(() -> check.get()
				.onErrorResume(failure -> this.throttling.failed(counters).then(Mono.error(failure)))
				.flatMap(result -> this.throttling.succeeded(counters).thenReturn(result))));
	}

	static ApiProblem invalidPassword() {
		return ApiProblem.badRequest("invalid-current-password", "Wrong password", "The current password is wrong.");
	}

}
