package ma.moncompte.accounts.internal;

import java.util.List;
import java.util.Map;

import ma.moncompte.accounts.CurrentUser;
import ma.moncompte.notifications.Mailer;
import ma.moncompte.support.ApiProblem;

import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/** Changing a password from a session, and resetting a forgotten one through the mailbox. */
@Component
class Credentials {

	private final AccountRepository accounts;

	private final AccountTokens tokens;

	private final Passwords passwords;

	private final PasswordPolicy policy;

	private final Reauthentication reauthentication;

	private final Sessions sessions;

	private final Throttling throttling;

	private final Quotas quotas;

	private final ActivityLog activity;

	private final AccountMails mails;

	private final Mailer mailer;

	private final TransactionalOperator transactions;

	private final AccountsProperties properties;

	Credentials(AccountRepository accounts, AccountTokens tokens, Passwords passwords, PasswordPolicy policy,
			Reauthentication reauthentication, Sessions sessions, Throttling throttling, Quotas quotas,
			ActivityLog activity, AccountMails mails, Mailer mailer, TransactionalOperator transactions,
			AccountsProperties properties) {
		this.accounts = accounts;
		this.tokens = tokens;
		this.passwords = passwords;
		this.policy = policy;
		this.reauthentication = reauthentication;
		this.sessions = sessions;
		this.throttling = throttling;
		this.quotas = quotas;
		this.activity = activity;
		this.mails = mails;
		this.mailer = mailer;
		this.transactions = transactions;
		this.properties = properties;
	}

	/** Needs the current password; signs out every other session and tells the owner by mail. */
	Mono<Long> change(CurrentUser user, String currentPassword, String newPassword, ClientInfo client) {
		return this.reauthentication.withPassword(user, currentPassword)
			.flatMap(account -> {
				List<String> violations = this.policy.violations(account.email(), newPassword);
				if (!violations.isEmpty()) {
					return Mono.error(Registrations.passwordViolations("newPassword", violations));
				}
				return this.passwords.hash(newPassword)
					.flatMap(hash -> this.accounts.updatePassword(account.id(), hash)
						.then(this.sessions.revokeAllExcept(account.id(), user.sessionId()))
						.flatMap(revoked -> this.activity
							.record(account.id(), ActivityLog.PASSWORD_CHANGED, client, Map.of("sessionsRevoked", revoked))
							.then(this.mailer.enqueue(this.mails.passwordChanged(account)))
							.thenReturn(revoked))
						.as(this.transactions::transactional));
			});
	}

	/**
	 * Mails a reset link when the address has an open account. The caller learns nothing either way:
	 * same answer, and no slow work on one path only.
	 */
	Mono<Void> requestReset(String rawEmail, ClientInfo client) {
		String email = Registrations.normalizeEmail(rawEmail);
		return this.quotas.mailRequest(client, email)
			.then(this.accounts.findByEmail(email))
			.flatMap(account -> this.tokens.issuePasswordReset(account.id(), this.properties.passwordResetTtl())
				.flatMap(token -> this.mailer.enqueue(this.mails.passwordReset(account, token)))
				.as(this.transactions::transactional))
			.then();
	}

	/** Spends the link (once), sets the password, signs out every session and lifts sign-in delays. */
	Mono<Void> reset(String token, String newPassword, ClientInfo client) {
		return this.tokens.passwordResetAccount(token)
			.flatMap(this.accounts::findById)
			.switchIfEmpty(Mono.error(Credentials::invalidResetToken))
			.flatMap(account -> {
				List<String> violations = this.policy.violations(account.email(), newPassword);
				if (!violations.isEmpty()) {
					return Mono.error(Registrations.passwordViolations("newPassword", violations));
				}
				return this.passwords.hash(newPassword)
					.flatMap(hash -> this.tokens.spendPasswordReset(token)
						.switchIfEmpty(Mono.error(Credentials::invalidResetToken))
						.then(this.accounts.updatePassword(account.id(), hash))
						.then(this.sessions.revokeAllExcept(account.id(), null))
						.flatMap(revoked -> this.activity.record(account.id(), ActivityLog.PASSWORD_RESET, client,
								Map.of("sessionsRevoked", revoked)))
						.then(this.throttling.clearAccount(account.email()))
						.then(this.mailer.enqueue(this.mails.passwordResetDone(account)))
						.as(this.transactions::transactional));
			});
	}

	private static ApiProblem invalidResetToken() {
		return ApiProblem.badRequest("invalid-reset-token", "Invalid or expired link",
				"This password reset link is invalid, already used or expired.");
	}

}
