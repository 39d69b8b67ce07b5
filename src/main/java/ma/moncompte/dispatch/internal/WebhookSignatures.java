package ma.moncompte.dispatch.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks verification: HMAC-SHA256 over {@code "{webhook-id}.{webhook-timestamp}.{raw body}"},
 * compared in constant time with every {@code v1,<base64>} entry of {@code webhook-signature} and every
 * key the courier may sign with. The body is used exactly as received, byte for byte.
 */
final class WebhookSignatures {

	static final String ID = "webhook-id";

	static final String TIMESTAMP = "webhook-timestamp";

	static final String SIGNATURE = "webhook-signature";

	private static final int MAX_ID_LENGTH = 256;

	private static final int MAX_SIGNATURE_HEADER_LENGTH = 4096;

	/** More entries than any rotation needs; bounds the work one request can cause. */
	private static final int MAX_SIGNATURES = 8;

	private WebhookSignatures() {
	}

	/** Why a delivery was refused; the slug is logged, the courier only ever sees "invalid signature". */
	enum Rejection {

		MISSING_HEADERS("missing-headers"), MALFORMED_HEADERS("malformed-headers"),
		STALE_TIMESTAMP("stale-timestamp"), FUTURE_TIMESTAMP("future-timestamp"),
		UNKNOWN_COURIER("unknown-courier"), BAD_SIGNATURE("bad-signature");

		private final String slug;

		Rejection(String slug) {
			this.slug = slug;
		}

		String slug() {
			return this.slug;
		}

	}

	record SignedHeaders(String id, String timestamp, String signature) {
	}

	/** Checks what needs no key: presence, form, and the timestamp window. */
	static Optional<Rejection> checkHeaders(SignedHeaders headers, Instant now, Duration tolerance) {
		if (isBlank(headers.id()) || isBlank(headers.timestamp()) || isBlank(headers.signature())) {
			return Optional.of(Rejection.MISSING_HEADERS);
		}
		if (headers.id().length() > MAX_ID_LENGTH || !headers.id().chars().allMatch(c -> c >= 0x21 && c <= 0x7e)
				|| headers.signature().length() > MAX_SIGNATURE_HEADER_LENGTH
				|| !headers.timestamp().matches("[0-9]{1,12}")) {
			return Optional.of(Rejection.MALFORMED_HEADERS);
		}
		long signedAt = Long.parseLong(headers.timestamp());
		long nowSeconds = now.getEpochSecond();
		if (signedAt < nowSeconds - tolerance.toSeconds()) {
			return Optional.of(Rejection.STALE_TIMESTAMP);
		}
		if (signedAt > nowSeconds + tolerance.toSeconds()) {
			return Optional.of(Rejection.FUTURE_TIMESTAMP);
		}
		return Optional.empty();
	}

	/** Whether any signature entry matches any key; every pair is compared, so timing tells nothing. */
	static boolean matches(List<byte[]> keys, SignedHeaders headers, byte[] body) {
		List<byte[]> provided = providedSignatures(headers.signature());
		boolean matched = false;
		for (byte[] key : keys) {
			byte[] expected = sign(key, headers.id(), headers.timestamp(), body);
			for (byte[] signature : provided) {
				matched |= MessageDigest.isEqual(expected, signature);
			}
		}
		return matched;
	}

	static byte[] sign(byte[] key, String id, String timestamp, byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			mac.update(id.getBytes(StandardCharsets.UTF_8));
			mac.update((byte) '.');
			mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
			mac.update((byte) '.');
			return mac.doFinal(body);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every JRE", ex);
		}
	}

	private static List<byte[]> providedSignatures(String header) {
		List<byte[]> signatures = new ArrayList<>();
		for (String entry : header.trim().split(" +")) {
			if (signatures.size() == MAX_SIGNATURES) {
				break;
			}
			int comma = entry.indexOf(',');
			if (comma < 0 || !entry.substring(0, comma).equals("v1")) {
				// Other schemes (v1a: asymmetric) are not used by our couriers.
				continue;
			}
			try {
				signatures.add(Base64.getDecoder().decode(entry.substring(comma + 1)));
			}
			catch (IllegalArgumentException malformed) {
				// Not base64: cannot match, and the other entries may still.
			}
		}
		return signatures;
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

}
