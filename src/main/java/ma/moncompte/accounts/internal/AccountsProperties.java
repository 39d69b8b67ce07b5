package ma.moncompte.accounts.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Accounts and sessions.
 *
 * @param verificationTokenTtl how long an email confirmation link stays valid
 * @param sessionTtl absolute lifetime of a session
 * @param sessionCookie name of the HttpOnly session cookie
 * @param secureCookies mark the session and CSRF cookies Secure (HTTPS only); off only for plain-HTTP development
 */
@ConfigurationProperties("moncompte.accounts")
record AccountsProperties(@DefaultValue("24h") Duration verificationTokenTtl, @DefaultValue("12h") Duration sessionTtl,
		@DefaultValue("MC_SESSION") String sessionCookie, @DefaultValue("true") boolean secureCookies) {
}
