package ma.moncompte.notifications.internal;

import java.util.List;

import ma.moncompte.support.Retention;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class MailRetention {

	/** Sent mail holds personal data: kept 30 days for support questions, then removed. */
	@Bean
	Retention sentMail() {
		return new Retention("sent mail", List.of("DELETE FROM mail_outbox WHERE sent_at < now() - interval '30 days'"));
	}

}
