package ma.moncompte.accounts.internal;

import java.util.Map;

import ma.moncompte.accounts.CurrentUser;
import ma.moncompte.notifications.Mailer;
import ma.moncompte.support.ApiProblem;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Changing the account's email address. The new address gets a confirmation link and the old one a
 * notice; the account keeps its old address (for sign-in and mail) until the link is used.
 */
@Component
class EmailChanges {

	private final Reauthentication reauthentication;

	private final AccountRepository accounts;

	private final AccountTokens tokens;

	private final Quotas quotas;

	private final ActivityLog activity;

	private final AccountMails mails;

	private final Mailer mailer;

	private final TransactionalOperator transactions;

	private final AccountsProperties properties;

	EmailChanges(Reauthentication reauthentication, AccountRepository accounts, AccountTokens tokens, Quotas quotas,
			ActivityLog activity, AccountMails mails, Mailer mailer, TransactionalOperator transactions,
			AccountsProperties properties) {
		this.reauthentication = reauthentication;
		this.accounts = accounts;
		this.tokens = tokens;
		this.quotas = quotas;
		this.activity = activity;
		this.mails = mails;
		this.mailer = mailer;
		this.transactions = transactions;
		this.properties = properties;
	}

	/** Whether or not the new address is free, the caller sees the same answer. */
	Mono<Void> request(CurrentUser user, String rawNewEmail, String currentPassword, ClientInfo client) {
		String newEmail = Registrations.normalizeEmail(rawNewEmail);
		return this.reauthentication.withPassword(user, currentPassword)
			.flatMap(account -> {
				if (account.email().equals(newEmail)) {
					return Mono.error(ApiProblem.badRequest("same-email", "Same address",
							"This is already your account's address."));
				}
				return this.quotas.mailRequest(client, newEmail)
					.then(this.accounts.emailTaken(newEmail))
					.flatMap(taken -> taken ? this.mailer.enqueue(this.mails.emailTaken(account, newEmail))
							: this.tokens.issueEmailChange(account.id(), newEmail, this.properties.emailChangeTtl())
								.flatMap(token -> this.mailer.enqueue(this.mails.emailChangeConfirmation(account, newEmail, token)))
								.then(this.mailer.enqueue(this.mails.emailChangeRequested(account, newEmail))))
					.then(this.activity.record(account.id(), ActivityLog.EMAIL_CHANGE_REQUESTED, client,
							Map.of("newEmail", newEmail)))
					.as(this.transactions::transactional);
			});
	}

	/** Spends the link and moves the account to the new address; the old address is told. */
	Mono<Void> confirm(String token, ClientInfo client) {
		return this.tokens.applyEmailChange(token)
			.switchIfEmpty(Mono.error(() -> ApiProblem.badRequest("invalid-email-change-token", "Invalid or expired link",
					"This confirmation link is invalid, already used or expired.")))
			.flatMap(change -> this.accounts.findById(change.accountId())
				.flatMap(account -> this.mailer.enqueue(this.mails.emailChanged(account, change.oldEmail(), change.newEmail())))
				.then(this.activity.record(change.accountId(), ActivityLog.EMAIL_CHANGED, client,
						Map.of("oldEmail", change.oldEmail(), "newEmail", change.newEmail()))))
			.as(this.transactions::transactional)
			.onErrorMap(DataIntegrityViolationException.class, taken -> ApiProblem.conflict("email-taken",
					"Address taken", "Another account started using this address meanwhile."));
	}

}
