package ma.moncompte.dispatch;

import java.time.Instant;
import java.util.UUID;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.EmptyWebhookSecretException;
import com.standardwebhooks.exceptions.WebhookSigningException;

/**
 * A courier partner as our tests play it: it signs with the official Standard Webhooks Java library,
 * never with the portal's own code.
 */
final class CourierSigner {

	private final String code;

	private final String secret;

	private final Webhook webhook;

	CourierSigner(String code, String secret) {
		this.code = code;
		this.secret = secret;
		try {
			this.webhook = new Webhook(secret);
		}
		catch (EmptyWebhookSecretException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

	String code() {
		return this.code;
	}

	String secret() {
		return this.secret;
	}

	/** One delivery attempt, as it goes on the wire. */
	record Delivery(String id, String timestamp, String body, String signature) {

		Delivery withBody(String otherBody) {
			return new Delivery(this.id, this.timestamp, otherBody, this.signature);
		}

		Delivery withTimestamp(String otherTimestamp) {
			return new Delivery(this.id, otherTimestamp, this.body, this.signature);
		}

		Delivery withSignature(String otherSignature) {
			return new Delivery(this.id, this.timestamp, this.body, otherSignature);
		}

	}

	Delivery sign(String body) {
		return sign(newId(), Instant.now(), body);
	}

	Delivery sign(String id, Instant at, String body) {
		long seconds = at.getEpochSecond();
		return new Delivery(id, Long.toString(seconds), body, signature(id, seconds, body));
	}

	/** The {@code v1,<base64>} entry the library computes. */
	String signature(String id, long timestampSeconds, String body) {
		try {
			return this.webhook.sign(id, timestampSeconds, body);
		}
		catch (WebhookSigningException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String newId() {
		return "msg_" + UUID.randomUUID().toString().replace("-", "");
	}

}
