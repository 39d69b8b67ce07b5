package ma.moncompte.dispatch.internal;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Set;

import ma.moncompte.accounts.AccountDirectory;
import ma.moncompte.accounts.AccountSummary;
import ma.moncompte.directory.Consulate;
import ma.moncompte.directory.Directory;
import ma.moncompte.dispatch.ShipmentStatus;
import ma.moncompte.notifications.MailContent;
import ma.moncompte.notifications.Mailer;
import ma.moncompte.support.PortalProperties;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The pre-arrival mail, in the citizen's current language and to their current address. */
@Component
class ShipmentMails {

	private static final Set<String> LANGUAGES = Set.of("fr", "ar", "en");

	private final AccountDirectory accounts;

	private final MessageSource messages;

	private final Mailer mailer;

	private final PortalProperties portal;

	private final Directory directory;

	ShipmentMails(AccountDirectory accounts, MessageSource messages, Mailer mailer, PortalProperties portal,
			Directory directory) {
		this.accounts = accounts;
		this.messages = messages;
		this.mailer = mailer;
		this.portal = portal;
		this.directory = directory;
	}

	Mono<Void> preArrival(Shipment shipment, ShipmentStatus status, CourierUpdate update) {
		return this.accounts.findById(shipment.accountId()).flatMap(account -> this.mailer
			.enqueue(compose(account, shipment, status, update)
				.to(account.email())));
	}

	private MailContent compose(AccountSummary account, Shipment shipment, ShipmentStatus status,
			CourierUpdate update) {
		String language = LANGUAGES.contains(account.preferredLanguage()) ? account.preferredLanguage() : "fr";
		Locale locale = Locale.forLanguageTag(language);
		String key = status == ShipmentStatus.OUT_FOR_DELIVERY ? "out-for-delivery" : "available-for-pickup";
		String when = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
			.withLocale(locale)
			.withZone(zone(shipment.consulateCode()))
			.format(update.occurredAt());
		MailContent mail = MailContent
			.in(language, text("mail.shipment." + key + ".subject", locale, shipment.reference()))
			.paragraph(text("mail.shipment.greeting", locale, account.firstName()))
			.paragraph(text("mail.shipment." + key + ".body", locale, shipment.description(), shipment.reference()))
			.paragraph(text("mail.shipment.courier", locale, shipment.courierCode(), shipment.trackingNumber(), when));
		if (update.location() != null) {
			mail.paragraph(text("mail.shipment.location", locale, update.location()));
		}
		return mail.link(text("mail.shipment.link", locale), this.portal.link("/#shipments/" + shipment.reference()));
	}

	private ZoneId zone(String consulateCode) {
		return this.directory.consulate(consulateCode).map(Consulate::timeZone).orElse(ZoneId.of("UTC"));
	}

	private String text(String key, Locale locale, Object... args) {
		return this.messages.getMessage(key, args, locale);
	}

}
