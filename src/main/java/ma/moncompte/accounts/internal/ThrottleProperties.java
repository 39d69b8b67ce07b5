package ma.moncompte.accounts.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Brute-force and abuse throttling. Failed sign-ins are counted per account (the submitted address) and
 * per client IP; from the threshold on, each failure blocks the subject for {@code baseDelay} doubled per
 * failure past the threshold (2 s, 4 s, 8 s, ...), up to {@code maxDelay}. Mail-sending endpoints get
 * fixed-window quotas.
 *
 * @param accountFailureThreshold failures of one account before delays start
 * @param ipFailureThreshold failures from one IP address before delays start
 * @param baseDelay the first delay
 * @param maxDelay the longest delay
 * @param failureMemory a counter untouched for this long starts again from zero
 * @param signupsPerIp sign-ups accepted from one IP address per quota window
 * @param resetsPerIp password reset and confirmation-resend requests accepted from one IP per window
 * @param mailsPerAddress sign-up, reset and resend requests accepted for one email address per window
 * @param quotaWindow length of the quota window
 */
@ConfigurationProperties("moncompte.accounts.throttle")
record ThrottleProperties(@DefaultValue("5") int accountFailureThreshold, @DefaultValue("5") int ipFailureThreshold,
		@DefaultValue("2s") Duration baseDelay, @DefaultValue("15m") Duration maxDelay,
		@DefaultValue("15m") Duration failureMemory, @DefaultValue("20") int signupsPerIp,
		@DefaultValue("20") int resetsPerIp, @DefaultValue("5") int mailsPerAddress,
		@DefaultValue("1h") Duration quotaWindow) {
}
