package ma.moncompte.notifications.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Outgoing mail.
 *
 * @param from the sender address
 * @param pollInterval how often queued mail is looked for
 * @param maxAttempts attempts before a mail is given up and left for an operator
 */
@ConfigurationProperties("moncompte.mail")
record MailProperties(@DefaultValue("Mon Compte <no-reply@moncompte.example>") String from,
		@DefaultValue("500ms") Duration pollInterval, @DefaultValue("10") int maxAttempts) {
}
