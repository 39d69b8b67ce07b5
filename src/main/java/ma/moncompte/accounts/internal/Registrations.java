package ma.moncompte.accounts.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import ma.moncompte.accounts.Role;
import ma.moncompte.notifications.Mailer;
import ma.moncompte.support.ApiProblem;

import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Sign-up and email confirmation. The outcome is invisible from outside: a new address gets a
 * confirmation link, a known one gets a notice, and the caller sees 202 either way.
 */
@Component
class Registrations {

	private final AccountRepository accounts;

	private final Passwords passwords;

	private final PasswordPolicy policy;

	private final AccountMails mails;

	private final Mailer mailer;

	private final TransactionalOperator transactions;

	private final AccountsProperties properties;

	private final Quotas quotas;

	private final AccountTokens tokens;

	Registrations(AccountRepository accounts, Passwords passwords, PasswordPolicy policy, AccountMails mails,
			Mailer mailer, TransactionalOperator transactions, AccountsProperties properties, Quotas quotas,
			AccountTokens tokens) {
		this.quotas = quotas;
		this.tokens = tokens;
		this.accounts = accounts;
		this.passwords = passwords;
		this.policy = policy;
		this.mails = mails;
		this.mailer = mailer;
		this.transactions = transactions;
		this.properties = properties;
	}

	static String normalizeEmail(String email) {
		return email.trim().toLowerCase(Locale.ROOT);
	}

	Mono<Void> register(RegistrationRequest request, ClientInfo client) {
		String email = normalizeEmail(request.email());
		List<String> violations = this.policy.violations(email, request.password());
		if (!violations.isEmpty()) {
			return Mono.error(passwordViolations("password", violations));
		}
		// Hash even when the address is taken, so the answer takes as long either way.
		return this.quotas.signup(client, email).then(this.passwords.hash(request.password()))
			.flatMap(hash -> this.accounts
				.insertIfAbsent(new AccountRepository.NewAccount(email, hash, request.firstName().trim(),
						request.lastName().trim(), request.preferredLanguage(), Set.of(Role.CITIZEN), null, false))
				.flatMap(this::sendConfirmation)
				.switchIfEmpty(Mono.defer(() -> this.accounts.findByEmail(email).flatMap(this::remindExisting)))
				.as(this.transactions::transactional))
			.then();
	}

	private Mono<Boolean> sendConfirmation(Account account) {
		return this.tokens.issueVerification(account.id(), this.properties.verificationTokenTtl())
			.flatMap(token -> this.mailer.enqueue(this.mails.confirmation(account, token)))
			.thenReturn(true);
	}

	private Mono<Boolean> remindExisting(Account account) {
		// An unconfirmed owner most likely lost the first mail: send a fresh link instead of a notice.
		return account.verified() ? this.mailer.enqueue(this.mails.alreadyRegistered(account)).thenReturn(true)
				: sendConfirmation(account);
	}

	static ApiProblem passwordViolations(String field, List<String> violations) {
		return ApiProblem.badRequest("validation-failed", "Validation failed", "Some fields are invalid.")
			.with("errors", violations.stream().map(v -> Map.of("field", field, "message", v)).toList());
	}

	/** Sends a fresh confirmation link to an unconfirmed account; says nothing about whether one exists. */
	Mono<Void> resendConfirmation(String rawEmail, ClientInfo client) {
		String email = normalizeEmail(rawEmail);
		return this.quotas.mailRequest(client, email)
			.then(this.accounts.findByEmail(email))
			.filter(account -> !account.verified())
			.flatMap(account -> sendConfirmation(account).as(this.transactions::transactional))
			.then();
	}

	Mono<Void> verify(String token) {
		return this.accounts.spendVerificationToken(token)
			.switchIfEmpty(Mono.error(() -> ApiProblem.badRequest("invalid-verification-token",
					"Invalid or expired link", "This confirmation link is invalid, already used or expired.")))
			.then();
	}

}
