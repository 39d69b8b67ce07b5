package ma.moncompte.dispatch.internal;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import io.micrometer.core.instrument.MeterRegistry;
import ma.moncompte.dispatch.internal.WebhookSignatures.Rejection;
import ma.moncompte.dispatch.internal.WebhookSignatures.SignedHeaders;
import ma.moncompte.support.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Takes in one courier webhook: authenticates the raw bytes, then parses them, then applies the update
 * once, in one transaction (webhook-id claim, checkpoint, status, mail, event). Refused deliveries leave
 * a security log entry and change nothing.
 */
@Component
class WebhookIntake {

	/** Security events go to their own logger, so operators can route and alert on them. */
	static final Logger SECURITY = LoggerFactory.getLogger("moncompte.security");

	private static final Logger log = LoggerFactory.getLogger(WebhookIntake.class);

	/** Signing bodies above this size runs off the event loop. */
	private static final int INLINE_HMAC_LIMIT = 16 * 1024;

	/** Verified against when the courier is unknown, so that answer takes as long as a bad signature. */
	private static final List<byte[]> DECOY_KEYS = List.of(SigningSecrets.newKey());

	private final CourierService couriers;

	private final CourierUpdateParser parser;

	private final WebhookReceipts receipts;

	private final ShipmentRepository shipments;

	private final DeadLetterRepository deadLetters;

	private final Tracking tracking;

	private final TransactionalOperator transactions;

	private final DispatchProperties properties;

	private final MeterRegistry meters;

	WebhookIntake(CourierService couriers, CourierUpdateParser parser, WebhookReceipts receipts,
			ShipmentRepository shipments, DeadLetterRepository deadLetters, Tracking tracking,
			TransactionalOperator transactions, DispatchProperties properties, MeterRegistry meters) {
		this.couriers = couriers;
		this.parser = parser;
		this.receipts = receipts;
		this.shipments = shipments;
		this.deadLetters = deadLetters;
		this.tracking = tracking;
		this.transactions = transactions;
		this.properties = properties;
		this.meters = meters;
	}

	enum Outcome {

		/** Applied to its shipment. */
		APPLIED(HttpStatus.OK),
		/** This webhook-id was taken in before: nothing done again. */
		DUPLICATE(HttpStatus.OK),
		/** No shipment has this tracking number: parked for an agent to replay. */
		PARKED(HttpStatus.ACCEPTED);

		private final HttpStatus status;

		Outcome(HttpStatus status) {
			this.status = status;
		}

		HttpStatus status() {
			return this.status;
		}

	}

	Mono<Outcome> receive(String courierPath, SignedHeaders headers, byte[] body, InetSocketAddress remote) {
		Instant now = Instant.now();
		var early = WebhookSignatures.checkHeaders(headers, now, this.properties.webhookTolerance());
		if (early.isPresent()) {
			return reject(early.get(), courierPath, headers, remote);
		}
		String code = CourierService.normalizeCode(courierPath);
		Mono<List<byte[]>> keys = code == null ? Mono.just(List.of()) : this.couriers.activeKeys(code);
		return keys.flatMap(active -> verify(active, headers, body).flatMap(valid -> {
			if (!valid) {
				return reject(active.isEmpty() ? Rejection.UNKNOWN_COURIER : Rejection.BAD_SIGNATURE, courierPath,
						headers, remote);
			}
			CourierUpdate update;
			try {
				update = this.parser.parse(body, now, this.properties.webhookTolerance());
			}
			catch (ApiProblem invalid) {
				count("invalid");
				return Mono.error(invalid);
			}
			return apply(code, headers.id(), update).as(this.transactions::transactional)
				.doOnNext(outcome -> count(outcome.name().toLowerCase(Locale.ROOT)));
		}));
	}

	private Mono<Boolean> verify(List<byte[]> keys, SignedHeaders headers, byte[] body) {
		List<byte[]> candidates = keys.isEmpty() ? DECOY_KEYS : keys;
		Mono<Boolean> check = Mono.fromCallable(() -> WebhookSignatures.matches(candidates, headers, body) && !keys.isEmpty());
		return body.length > INLINE_HMAC_LIMIT ? check.subscribeOn(Schedulers.boundedElastic()) : check;
	}

	private Mono<Outcome> apply(String courierCode, String webhookId, CourierUpdate update) {
		return this.receipts.claim(courierCode, webhookId).flatMap(first -> {
			if (!first) {
				return Mono.just(Outcome.DUPLICATE);
			}
			return this.shipments.lockByTracking(courierCode, update.trackingNumber())
				.flatMap(shipment -> this.tracking.apply(shipment, update, webhookId).thenReturn(Outcome.APPLIED))
				.switchIfEmpty(Mono.defer(() -> this.deadLetters.park(courierCode, webhookId, update)
					.doOnNext(id -> log.info("Parked courier webhook {} of {} for unknown tracking number {} as dead letter {}",
							webhookId, courierCode, update.trackingNumber(), id))
					.thenReturn(Outcome.PARKED)));
		});
	}

	private <T> Mono<T> reject(Rejection reason, String courierPath, SignedHeaders headers, InetSocketAddress remote) {
		SECURITY.warn("Rejected courier webhook: reason={} courier={} webhookId={} timestamp={} remote={}",
				reason.slug(), loggable(courierPath), loggable(headers.id()), loggable(headers.timestamp()),
				remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress());
		this.meters.counter("moncompte.webhooks.rejected", "reason", reason.slug()).increment();
		count("rejected");
		return Mono.error(switch (reason) {
			case MISSING_HEADERS, MALFORMED_HEADERS -> unauthorized("invalid-webhook-signature", "Invalid webhook signature",
					"The webhook-id, webhook-timestamp and webhook-signature headers are required (Standard Webhooks).");
			case STALE_TIMESTAMP, FUTURE_TIMESTAMP -> unauthorized("webhook-timestamp-out-of-range",
					"Webhook timestamp out of range", "webhook-timestamp must be within "
							+ this.properties.webhookTolerance().toMinutes() + " minutes of the current time.");
			case UNKNOWN_COURIER, BAD_SIGNATURE -> unauthorized("invalid-webhook-signature", "Invalid webhook signature",
					"No signature in webhook-signature matches this courier's secrets.");
		});
	}

	private void count(String outcome) {
		this.meters.counter("moncompte.webhooks.received", "outcome", outcome).increment();
	}

	private static ApiProblem unauthorized(String slug, String title, String detail) {
		return new ApiProblem(HttpStatus.UNAUTHORIZED, slug, title, detail);
	}

	/** Header values are attacker-controlled: no line breaks or control characters in the log, and short. */
	private static String loggable(String value) {
		if (value == null) {
			return "-";
		}
		String clean = value.replaceAll("[\\p{Cntrl}]", "?");
		return clean.length() > 80 ? clean.substring(0, 80) + "..." : clean;
	}

}
