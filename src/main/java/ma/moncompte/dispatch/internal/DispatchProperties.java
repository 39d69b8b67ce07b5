package ma.moncompte.dispatch.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Shipments and courier webhooks.
 *
 * @param secretEncryptionKey base64 of a 16, 24 or 32 byte AES key that encrypts the couriers' signing
 * secrets at rest; required in production, where it must come from the environment
 * @param secretOverlap how long a rotated-out signing secret keeps verifying, so a courier can switch
 * over without losing a webhook
 * @param webhookTolerance how far a webhook's signed timestamp may be from our clock, either way
 * @param webhookMaxBody the largest webhook body accepted; larger ones get 413 unread
 * @param webhookIdRetention how long accepted webhook ids are remembered to drop retried deliveries;
 * longer than any courier's retry schedule
 * @param receiptCleanupCron when remembered webhook ids older than the retention are deleted (UTC)
 */
@ConfigurationProperties("moncompte.dispatch")
record DispatchProperties(String secretEncryptionKey, @DefaultValue("24h") Duration secretOverlap,
		@DefaultValue("5m") Duration webhookTolerance, @DefaultValue("64KB") DataSize webhookMaxBody,
		@DefaultValue("30d") Duration webhookIdRetention, @DefaultValue("0 40 * * * *") String receiptCleanupCron) {

	DispatchProperties {
		if (secretOverlap.isNegative()) {
			throw new IllegalArgumentException("moncompte.dispatch.secret-overlap must not be negative");
		}
		if (webhookTolerance.isNegative() || webhookTolerance.isZero()) {
			throw new IllegalArgumentException("moncompte.dispatch.webhook-tolerance must be positive");
		}
	}

}
