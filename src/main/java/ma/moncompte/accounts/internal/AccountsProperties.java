package ma.moncompte.accounts.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Accounts and sessions.
 *
 * @param verificationTokenTtl how long an email confirmation link stays valid
 * @param sessionTtl absolute lifetime of a session, however active it is
 * @param sessionIdleTimeout a session unused for this long ends
 * @param sessionTouchInterval how stale a session's last-seen time may get before a request refreshes it;
 * bounds the writes that activity causes to one per session and interval
 * @param sessionCookie name of the HttpOnly session cookie
 * @param passwordResetTtl how long a password reset link stays valid
 * @param emailChangeTtl how long the confirmation link of an email change stays valid
 * @param loginChallengeTtl how long the second step of a two-factor login may wait for its code
 * @param passportExpiryWarningMonths a passport expiring within this many months shows a dashboard hint
 * @param secureCookies mark the session and CSRF cookies Secure (HTTPS only); off only for plain-HTTP development
 * @param sessionStreamCheckInterval how often an open event stream checks that its session is still
 * alive; a revoked session's streams end within this time
 */
@ConfigurationProperties("moncompte.accounts")
record AccountsProperties(@DefaultValue("24h") Duration verificationTokenTtl, @DefaultValue("12h") Duration sessionTtl,
		@DefaultValue("30m") Duration sessionIdleTimeout, @DefaultValue("1m") Duration sessionTouchInterval,
		@DefaultValue("MC_SESSION") String sessionCookie, @DefaultValue("30m") Duration passwordResetTtl,
		@DefaultValue("24h") Duration emailChangeTtl, @DefaultValue("5m") Duration loginChallengeTtl,
		@DefaultValue("6") int passportExpiryWarningMonths, @DefaultValue("1m") Duration sessionStreamCheckInterval,
		@DefaultValue("true") boolean secureCookies) {
}
