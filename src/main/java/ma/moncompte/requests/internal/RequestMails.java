package ma.moncompte.requests.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.Locale;
import java.util.Set;

import ma.moncompte.accounts.AccountSummary;
import ma.moncompte.directory.Consulate;
import ma.moncompte.directory.Directory;
import ma.moncompte.notifications.MailContent;
import ma.moncompte.notifications.OutgoingMail;
import ma.moncompte.support.PortalProperties;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** One mail per transition, in the citizen's language (bundle {@code i18n/requests}). */
@Component
class RequestMails {

	private static final Set<String> LANGUAGES = Set.of("fr", "ar", "en");

	private final MessageSource messages;

	private final PortalProperties portal;

	private final RequestCatalog catalog;

	private final Directory directory;

	RequestMails(MessageSource messages, PortalProperties portal, RequestCatalog catalog, Directory directory) {
		this.messages = messages;
		this.portal = portal;
		this.catalog = catalog;
		this.directory = directory;
	}

	/** @param actor only what an agent writes is quoted as the consulate's message */
	OutgoingMail statusChanged(AccountSummary citizen, ServiceRequest request, TransitionCommand.Actor actor) {
		String language = LANGUAGES.contains(citizen.preferredLanguage()) ? citizen.preferredLanguage() : "fr";
		Locale locale = Locale.forLanguageTag(language);
		String typeName = this.catalog.type(request.typeCode()).map(type -> type.name(language)).orElse(request.typeCode());
		ZoneId zone = this.directory.consulate(request.consulateCode()).map(Consulate::timeZone).orElse(ZoneId.of("UTC"));
		Object[] args = { typeName, request.reference(), amount(request), time(request.offeredStart(), zone, locale),
				time(request.offerExpiresAt(), zone, locale), request.statusMessage() == null ? "" : request.statusMessage() };
		String status = request.status().name();
		MailContent mail = MailContent.in(language, text("mail.request.subject." + status, locale, args))
			.paragraph(text("mail.request.greeting", locale, citizen.firstName()))
			.paragraph(text("mail.request.body." + status, locale, args));
		if (actor == TransitionCommand.Actor.AGENT && request.statusMessage() != null) {
			mail.paragraph(text("mail.request.message", locale, request.statusMessage()));
		}
		return mail.link(text("mail.request.link", locale), this.portal.link("/#requests/" + request.id()))
			.to(citizen.email());
	}

	private static String amount(ServiceRequest request) {
		if (request.feeMinor() == null || request.currency() == null) {
			return "";
		}
		Currency currency = Currency.getInstance(request.currency());
		return BigDecimal.valueOf(request.feeMinor(), currency.getDefaultFractionDigits()).toPlainString() + " "
				+ currency.getCurrencyCode();
	}

	private static String time(Instant instant, ZoneId zone, Locale locale) {
		return instant == null ? ""
				: DateTimeFormatter.ofLocalizedDateTime(FormatStyle.FULL, FormatStyle.SHORT)
					.withLocale(locale)
					.format(instant.atZone(zone));
	}

	private String text(String key, Locale locale, Object... args) {
		return this.messages.getMessage(key, args, locale);
	}

}
