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

	private String text(String key, Locale locale, Object... args) {
		return this.messages.getMessage(key, args, locale);
	}

}
