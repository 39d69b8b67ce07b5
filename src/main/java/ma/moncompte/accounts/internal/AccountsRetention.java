package ma.moncompte.accounts.internal;

import java.util.List;

import ma.moncompte.support.Retention;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AccountsRetention {

	/** Spent or expired confirmation links, and sessions dead for a month. */
	@Bean
	Retention accountCredentials() {
		return new Retention("account credentials",
				List.of("DELETE FROM email_verification_tokens WHERE expires_at < now() - interval '7 days'",
						"DELETE FROM sessions WHERE expires_at < now() - interval '30 days'"));
	}

}
