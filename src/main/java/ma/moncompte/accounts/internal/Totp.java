package ma.moncompte.accounts.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;

import javax.crypto.spec.SecretKeySpec;
import javax.imageio.ImageIO;

import java.awt.image.BufferedImage;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

/**
 * RFC 6238 time-based one-time passwords as authenticator apps expect them: HMAC-SHA1, 6 digits,
 * 30-second steps, 160-bit secrets in base32. A code is accepted for the current step and one step
 * either side, to allow for clock drift.
 */
final class Totp {

	static final Duration STEP = Duration.ofSeconds(30);

	static final int DIGITS = 6;

	private static final int SECRET_BYTES = 20;

	private static final int DRIFT_STEPS = 1;

	private static final String ISSUER = "Mon Compte";

	private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final TimeBasedOneTimePasswordGenerator GENERATOR = new TimeBasedOneTimePasswordGenerator(STEP,
			DIGITS, TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA1);

	private Totp() {
	}

	static byte[] newSecret() {
		byte[] secret = new byte[SECRET_BYTES];
		RANDOM.nextBytes(secret);
		return secret;
	}

	static long stepAt(Instant instant) {
		return instant.getEpochSecond() / STEP.getSeconds();
	}

	/** The time step whose code this is, among the steps around {@code now}; empty if none matches. */
	static OptionalLong matchingStep(byte[] secret, String code, Instant now) {
		if (code == null || !code.matches("[0-9]{" + DIGITS + "}")) {
			return OptionalLong.empty();
		}
		int expected = Integer.parseInt(code);
		SecretKeySpec key = new SecretKeySpec(secret, "HmacSHA1");
		long current = stepAt(now);
		for (long step = current - DRIFT_STEPS; step <= current + DRIFT_STEPS; step++) {
			try {
				if (GENERATOR.generateOneTimePassword(key, Instant.ofEpochSecond(step * STEP.getSeconds())) == expected) {
					return OptionalLong.of(step);
				}
			}
			catch (InvalidKeyException ex) {
				throw new IllegalStateException("An HMAC-SHA1 key of any length is valid", ex);
			}
		}
		return OptionalLong.empty();
	}

	static String otpauthUri(String accountEmail, byte[] secret) {
		String label = encode(ISSUER) + ":" + encode(accountEmail);
		return "otpauth://totp/" + label + "?secret=" + base32(secret) + "&issuer=" + encode(ISSUER)
				+ "&algorithm=SHA1&digits=" + DIGITS + "&period=" + STEP.getSeconds();
	}

	/** The URI as a QR code, black on white, PNG. */
	static byte[] qrPng(String content) {
		try {
			BitMatrix matrix = new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, 264, 264,
					Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 2));
			BufferedImage image = new BufferedImage(matrix.getWidth(), matrix.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
			for (int y = 0; y < matrix.getHeight(); y++) {
				for (int x = 0; x < matrix.getWidth(); x++) {
					image.setRGB(x, y, matrix.get(x, y) ? 0xFF000000 : 0xFFFFFFFF);
				}
			}
			ByteArrayOutputStream png = new ByteArrayOutputStream();
			ImageIO.write(image, "png", png);
			return png.toByteArray();
		}
		catch (WriterException ex) {
			throw new IllegalStateException("An otpauth URI always fits in a QR code", ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** RFC 4648 base32 without padding, as the otpauth format wants it. */
	static String base32(byte[] data) {
		StringBuilder out = new StringBuilder();
		int buffer = 0;
		int bits = 0;
		for (byte b : data) {
			buffer = (buffer << 8) | (b & 0xFF);
			bits += 8;
			while (bits >= 5) {
				out.append(BASE32[(buffer >> (bits - 5)) & 31]);
				bits -= 5;
			}
		}
		if (bits > 0) {
			out.append(BASE32[(buffer << (5 - bits)) & 31]);
		}
		return out.toString();
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

}
