package ma.moncompte.payments.internal;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import ma.moncompte.support.ApiProblem;
import ma.moncompte.support.SecureTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;

/**
 * Signs and verifies the sandbox's callbacks the way hosted-payment providers do: {@code Sandbox-Signature:
 * t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">}. The timestamp is signed too, so an old callback
 * cannot be replayed outside the tolerance, and the comparison takes constant time.
 */
class SandboxSignatures {

	static final String HEADER = "Sandbox-Signature";

	private static final Logger log = LoggerFactory.getLogger(SandboxSignatures.class);

	private static final Pattern FORMAT = Pattern.compile("t=(\\d{1,12}),v1=([0-9a-f]{64})");

	private final byte[] secret;

	private final Duration tolerance;

	private final Clock clock;

	SandboxSignatures(String secret, Duration tolerance, Clock clock) {
		if (secret == null || secret.isBlank()) {
			log.warn("moncompte.payments.sandbox.signing-secret is not set: signing sandbox callbacks with a random key");
			secret = SecureTokens.newToken();
		}
		this.secret = secret.getBytes(StandardCharsets.UTF_8);
		this.tolerance = tolerance;
		this.clock = clock;
	}

	String sign(byte[] body) {
		long timestamp = this.clock.instant().getEpochSecond();
		return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(mac(timestamp, body));
	}

	/** Throws a 401 problem unless the header is a fresh, valid signature of exactly these bytes. */
	void verify(String header, byte[] body) {
		if (header == null) {
			throw invalid("The callback carries no " + HEADER + " header.");
		}
		Matcher matcher = FORMAT.matcher(header.trim());
		if (!matcher.matches()) {
			throw invalid("The " + HEADER + " header is malformed.");
		}
		long timestamp = Long.parseLong(matcher.group(1));
		Duration age = Duration.between(Instant.ofEpochSecond(timestamp), this.clock.instant()).abs();
		if (age.compareTo(this.tolerance) > 0) {
			throw invalid("The callback's signature is too old or from the future.");
		}
		byte[] given = HexFormat.of().parseHex(matcher.group(2));
		if (!MessageDigest.isEqual(given, mac(timestamp, body))) {
			throw invalid("The callback's signature does not match its content.");
		}
	}

	private byte[] mac(long timestamp, byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.secret, "HmacSHA256"));
			mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
			return mac.doFinal(body);
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every JRE", ex);
		}
	}

	private static ApiProblem invalid(String detail) {
		return new ApiProblem(HttpStatus.UNAUTHORIZED, "invalid-signature", "Invalid signature", detail);
	}

}
