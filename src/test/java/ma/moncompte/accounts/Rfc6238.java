package ma.moncompte.accounts;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An authenticator app in a few lines, written from RFC 6238 / RFC 4226 (not the application's code):
 * reads the otpauth:// URI and computes the code of any time step.
 */
final class Rfc6238 {

	private final byte[] secret;

	private final int period;

	private final int digits;

	private Rfc6238(byte[] secret, int period, int digits) {
		this.secret = secret;
		this.period = period;
		this.digits = digits;
	}

	static Rfc6238 fromUri(String otpauthUri) {
		URI uri = URI.create(otpauthUri);
		if (!"otpauth".equals(uri.getScheme()) || !"totp".equals(uri.getHost())) {
			throw new IllegalArgumentException("Not a TOTP URI: " + otpauthUri);
		}
		Map<String, String> query = Arrays.stream(uri.getRawQuery().split("&"))
			.map(pair -> pair.split("=", 2))
			.collect(Collectors.toMap(kv -> kv[0], kv -> URLDecoder.decode(kv[1], StandardCharsets.UTF_8)));
		if (!"SHA1".equals(query.getOrDefault("algorithm", "SHA1"))) {
			throw new IllegalArgumentException("Only SHA1 here");
		}
		return new Rfc6238(base32(query.get("secret")), Integer.parseInt(query.getOrDefault("period", "30")),
				Integer.parseInt(query.getOrDefault("digits", "6")));
	}

	long stepAt(Instant instant) {
		return instant.getEpochSecond() / this.period;
	}

	int secondsIntoStep(Instant instant) {
		return (int) (instant.getEpochSecond() % this.period);
	}

	String code(long step) {
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(this.secret, "HmacSHA1"));
			byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
			int offset = hash[hash.length - 1] & 0x0f;
			int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
					| ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
			int modulo = (int) Math.pow(10, this.digits);
			return String.format("%0" + this.digits + "d", binary % modulo);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] base32(String text) {
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
		String clean = text.replace("=", "").toUpperCase();
		ByteBuffer out = ByteBuffer.allocate(clean.length() * 5 / 8);
		long buffer = 0;
		int bits = 0;
		for (char c : clean.toCharArray()) {
			buffer = (buffer << 5) | alphabet.indexOf(c);
			bits += 5;
			if (bits >= 8) {
				out.put((byte) ((buffer >> (bits - 8)) & 0xff));
				bits -= 8;
			}
		}
		return out.array();
	}

}
