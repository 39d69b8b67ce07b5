package ma.moncompte.support;

import java.util.List;
import java.util.Locale;

/**
 * Picks the portal language for a request from its Accept-Language header. Deliberately simple and
 * bounded: a hostile header of thousands of subtags must cost nothing (the JDK's full RFC 4647 matching
 * is superlinear on such input).
 */
public final class Languages {

	private static final int MAX_HEADER = 256;

	private static final int MAX_RANGES = 12;

	private Languages() {
	}

	public static String preferred(String acceptLanguage, List<String> supported, String fallback) {
		if (acceptLanguage == null || acceptLanguage.isBlank() || acceptLanguage.length() > MAX_HEADER) {
			return fallback;
		}
		String best = fallback;
		double bestWeight = 0;
		String[] ranges = acceptLanguage.split(",", MAX_RANGES + 1);
		for (int i = 0; i < Math.min(ranges.length, MAX_RANGES); i++) {
			String[] parts = ranges[i].trim().split(";", 2);
			String primary = parts[0].trim().toLowerCase(Locale.ROOT);
			int dash = primary.indexOf('-');
			if (dash > 0) {
				primary = primary.substring(0, dash);
			}
			double weight = weight(parts.length > 1 ? parts[1] : null);
			if (supported.contains(primary) && weight > bestWeight) {
				best = primary;
				bestWeight = weight;
			}
		}
		return best;
	}

	private static double weight(String parameter) {
		if (parameter == null) {
			return 1;
		}
		String value = parameter.trim();
		if (!value.startsWith("q=")) {
			return 1;
		}
		try {
			double q = Double.parseDouble(value.substring(2));
			return q >= 0 && q <= 1 ? q : 0;
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

}
