package ma.moncompte.dispatch.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Forgets webhook ids older than any courier's retries; safe on every instance at once. */
@Component
class WebhookReceiptJanitor {

	private static final Logger log = LoggerFactory.getLogger(WebhookReceiptJanitor.class);

	private final WebhookReceipts receipts;

	private final DispatchProperties properties;

	WebhookReceiptJanitor(WebhookReceipts receipts, DispatchProperties properties) {
		this.receipts = receipts;
		this.properties = properties;
	}

	@Scheduled(cron = "${moncompte.dispatch.receipt-cleanup-cron:0 40 * * * *}", zone = "UTC")
	Mono<Long> forgetOldReceipts() {
		return this.receipts.forgetOlderThan(this.properties.webhookIdRetention())
			.doOnNext(count -> {
				if (count > 0) {
					log.info("Forgot {} courier webhook ids older than {}", count, this.properties.webhookIdRetention());
				}
			});
	}

}
