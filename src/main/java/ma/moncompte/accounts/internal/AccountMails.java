package ma.moncompte.accounts.internal;

import java.util.Locale;

import ma.moncompte.notifications.MailContent;
import ma.moncompte.notifications.OutgoingMail;
import ma.moncompte.support.PortalProperties;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/** The account mails, in the account's language. */
@Component
class AccountMails {

	private final MessageSource messages;

	private final PortalProperties portal;

	AccountMails(MessageSource messages, PortalProperties portal) {
		this.messages = messages;
		this.portal = portal;
	}

	OutgoingMail confirmation(Account account, String token) {
		Locale locale = Locale.forLanguageTag(account.preferredLanguage());
		String link = UriComponentsBuilder.fromUriString(this.portal.link("/"))
			.queryParam("token", token)
			.fragment("verify")
			.build()
			.toUriString();
		return MailContent.in(account.preferredLanguage(), text("mail.verify.subject", locale))
			.paragraph(text("mail.verify.greeting", locale, account.firstName()))
			.paragraph(text("mail.verify.body", locale))
			.link(text("mail.verify.link", locale), link)
			.to(account.email());
	}

	OutgoingMail alreadyRegistered(Account account) {
		Locale locale = Locale.forLanguageTag(account.preferredLanguage());
		return MailContent.in(account.preferredLanguage(), text("mail.exists.subject", locale))
			.paragraph(text("mail.verify.greeting", locale, account.firstName()))
			.paragraph(text("mail.exists.body", locale))
			.link(text("mail.exists.link", locale), this.portal.link("/#login"))
			.to(account.email());
	}

	OutgoingMail emailChangeConfirmation(Account account, String newEmail, String token) {
		return notice(account, "mail.email-change.confirm", link("confirm-email", token), "mail.email-change.confirm.link")
			.to(newEmail);
	}

	OutgoingMail emailChangeRequested(Account account, String newEmail) {
		return notice(account, "mail.email-change.notice", null, null, newEmail).to(account.email());
	}

	OutgoingMail emailChanged(Account account, String oldEmail, String newEmail) {
		return notice(account, "mail.email-changed", null, null, newEmail).to(oldEmail);
	}

	OutgoingMail emailTaken(Account requester, String takenEmail) {
		return notice(requester, "mail.email-taken", null, null).to(takenEmail);
	}

	OutgoingMail passwordChanged(Account account) {
		return notice(account, "mail.password-changed", null, null).to(account.email());
	}

	OutgoingMail passwordReset(Account account, String token) {
		return notice(account, "mail.password-reset", link("reset-password", token), "mail.password-reset.link")
			.to(account.email());
	}

	OutgoingMail passwordResetDone(Account account) {
		return notice(account, "mail.password-reset-done", null, null).to(account.email());
	}

	OutgoingMail throttled(Account account) {
		return notice(account, "mail.throttled", this.portal.link("/#reset-password"), "mail.password-reset.link")
			.to(account.email());
	}

	OutgoingMail twoFactorEnabled(Account account) {
		return notice(account, "mail.2fa-enabled", null, null).to(account.email());
	}

	OutgoingMail twoFactorDisabled(Account account) {
		return notice(account, "mail.2fa-disabled", null, null).to(account.email());
	}

	OutgoingMail accountClosed(Account account) {
		return notice(account, "mail.account-closed", null, null).to(account.email());
	}

	String text(String key, String language, Object... args) {
		return text(key, Locale.forLanguageTag(language), args);
	}

	/** Greeting, one paragraph {@code <prefix>.body}, and an optional link. */
	private MailContent notice(Account account, String prefix, String link, String linkLabelKey, Object... args) {
		Locale locale = Locale.forLanguageTag(account.preferredLanguage());
		MailContent mail = MailContent.in(account.preferredLanguage(), text(prefix + ".subject", locale))
			.paragraph(text("mail.verify.greeting", locale, account.firstName()))
			.paragraph(text(prefix + ".body", locale, args));
		return link == null ? mail : mail.link(text(linkLabelKey, locale), link);
	}

	private String link(String fragment, String token) {
		return UriComponentsBuilder.fromUriString(this.portal.link("/"))
			.queryParam("token", token)
			.fragment(fragment)
			.build()
			.toUriString();
	}

	private String text(String key, Locale locale, Object... args) {
		return this.messages.getMessage(key, args, locale);
	}

}
