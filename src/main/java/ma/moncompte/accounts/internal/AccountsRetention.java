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

	/**
	 * Spent or expired reset, email-change and sign-in links, and throttling counters and quotas that
	 * no longer hold anything back (their windows are minutes to an hour).
	 */
	@Bean
	Retention accountSecurity() {
		return new Retention("account security",
				List.of("DELETE FROM password_reset_tokens WHERE expires_at < now() - interval '7 days'",
						"DELETE FROM email_change_requests WHERE expires_at < now() - interval '7 days'",
						"DELETE FROM login_challenges WHERE expires_at < now() - interval '1 day'",
						"DELETE FROM auth_failures WHERE last_failure_at < now() - interval '1 day'"
								+ " AND (blocked_until IS NULL OR blocked_until < now() - interval '1 day')",
						"DELETE FROM request_quotas WHERE window_started_at < now() - interval '1 day'"));
	}

}
