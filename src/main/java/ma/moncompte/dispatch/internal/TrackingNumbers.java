package ma.moncompte.dispatch.internal;

import java.util.Locale;
import java.util.regex.Pattern;

/** Couriers print tracking numbers in groups and in any case; they are compared without either. */
final class TrackingNumbers {

	static final int MAX_LENGTH = 64;

	private static final Pattern FORM = Pattern.compile("[A-Z0-9-]{1," + MAX_LENGTH + "}");

	private TrackingNumbers() {
	}

	/** The canonical form, or {@code null} when the value cannot be a tracking number. */
	static String normalize(String raw) {
		if (raw == null) {
			return null;
		}
		String compact = raw.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
		return FORM.matcher(compact).matches() ? compact : null;
	}

}
