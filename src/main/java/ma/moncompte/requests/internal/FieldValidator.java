package ma.moncompte.requests.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import ma.moncompte.requests.internal.RequestCatalog.FieldDefinition;
import ma.moncompte.requests.internal.RequestCatalog.RequestType;

import org.springframework.stereotype.Component;

/**
 * Checks form values against their type's definitions, on the server, whatever the client checked.
 * Values are JSON scalars: strings for text, dates (ISO yyyy-mm-dd), choices and countries; integers;
 * booleans. A draft may be incomplete; completeness is checked at submission.
 */
@Component
class FieldValidator {

	static final int DEFAULT_MAX_LENGTH = 200;

	private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}$");

	private static final Pattern PHONE = Pattern.compile("^\\+?[0-9][0-9 ().-]{5,19}$");

	private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

	private final Clock clock;

	FieldValidator() {
		this(Clock.systemUTC());
	}

	FieldValidator(Clock clock) {
		this.clock = clock;
	}

	record FieldError(String field, String message) {
	}

	/** Errors in the values given (a {@code null} value clears a field and is always fine). */
	List<FieldError> validateValues(RequestType type, Map<String, Object> values) {
		List<FieldError> errors = new ArrayList<>();
		values.forEach((name, value) -> {
			FieldDefinition field = type.field(name).orElse(null);
			if (field == null) {
				errors.add(new FieldError(name, "is not a field of " + type.code()));
			}
			else if (value != null) {
				String message = check(field, value);
				if (message != null) {
					errors.add(new FieldError(name, message));
				}
			}
		});
		return errors;
	}

	/** Errors of a complete form: every value, and the rules that relate two fields. */
	List<FieldError> validateForm(RequestType type, Map<String, Object> values) {
		List<FieldError> errors = validateValues(type, values);
		for (FieldDefinition field : type.fields()) {
			if (field.after() != null && values.get(field.name()) instanceof String date
					&& values.get(field.after()) instanceof String other) {
				LocalDate self = parseDate(date);
				LocalDate before = parseDate(other);
				if (self != null && before != null && !self.isAfter(before)) {
					errors.add(new FieldError(field.name(), "must be after " + field.after()));
				}
			}
		}
		return errors;
	}

	List<String> missing(RequestType type, Map<String, Object> values) {
		return type.requiredFields().stream().filter(name -> values.get(name) == null).toList();
	}

	private String check(FieldDefinition field, Object value) {
		return switch (field.type()) {
			case TEXT -> text(field, value);
			case INTEGER -> integer(field, value);
			case DATE -> date(field, value);
			case CHOICE -> value instanceof String s && field.options().contains(s) ? null
					: "must be one of " + String.join(", ", field.options());
			case COUNTRY -> country(field, value);
			case EMAIL -> value instanceof String s && s.length() <= 254 && EMAIL.matcher(s).matches() ? null
					: "must be an email address";
			case PHONE -> value instanceof String s && PHONE.matcher(s).matches() ? null : "must be a phone number";
			case BOOLEAN -> value instanceof Boolean ? null : "must be true or false";
		};
	}

	private static String text(FieldDefinition field, Object value) {
		if (!(value instanceof String s) || s.isBlank()) {
			return "must be a non-blank text";
		}
		int length = s.codePointCount(0, s.length());
		int max = field.maxLength() != null ? field.maxLength() : DEFAULT_MAX_LENGTH;
		if (length > max) {
			return "must be at most " + max + " characters long";
		}
		if (field.minLength() != null && length < field.minLength()) {
			return "must be at least " + field.minLength() + " characters long";
		}
		if (field.pattern() != null && !Pattern.compile(field.pattern()).matcher(s).matches()) {
			return "has an invalid format";
		}
		return null;
	}

	private static String integer(FieldDefinition field, Object value) {
		Long number = null;
		if (value instanceof Integer i) {
			number = (long) i;
		}
		else if (value instanceof Long l) {
			number = l;
		}
		else if (value instanceof BigInteger b && b.bitLength() < 64) {
			number = b.longValue();
		}
		else if (value instanceof BigDecimal d && d.stripTrailingZeros().scale() <= 0
				&& d.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0) {
			number = d.longValue();
		}
		else if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 9.0e15) {
			number = d.longValue();
		}
		if (number == null) {
			return "must be a whole number";
		}
		if ((field.min() != null && number < field.min()) || (field.max() != null && number > field.max())) {
			return "must be between " + field.min() + " and " + field.max();
		}
		return null;
	}

	private String date(FieldDefinition field, Object value) {
		LocalDate date = value instanceof String s ? parseDate(s) : null;
		if (date == null) {
			return "must be a date (yyyy-mm-dd)";
		}
		LocalDate today = LocalDate.now(this.clock);
		if (field.date() == RequestCatalog.DateRule.PAST && !date.isBefore(today)) {
			return "must be in the past";
		}
		if (field.date() == RequestCatalog.DateRule.FUTURE && !date.isAfter(today)) {
			return "must be in the future";
		}
		return null;
	}

	private static String country(FieldDefinition field, Object value) {
		if (!(value instanceof String s) || !COUNTRIES.contains(s)) {
			return "must be an ISO 3166 country code such as FR";
		}
		return field.excluded().contains(s) ? "must not be " + s : null;
	}

	private static LocalDate parseDate(String value) {
		try {
			return value.length() == 10 ? LocalDate.parse(value) : null;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
