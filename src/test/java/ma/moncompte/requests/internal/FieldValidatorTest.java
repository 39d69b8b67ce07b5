package ma.moncompte.requests.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ma.moncompte.requests.internal.RequestCatalog.FieldDefinition;
import ma.moncompte.requests.internal.RequestCatalog.FieldType;
import ma.moncompte.requests.internal.RequestCatalog.RequestType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FieldValidatorTest {

	private final FieldValidator validator = new FieldValidator(Clock.fixed(Instant.parse("2026-06-15T10:00:00Z"), ZoneOffset.UTC));

	private final RequestType visa = new RequestType("VISA", "VISA", "FOREIGN_NATIONAL", Map.of("fr", "Visa"),
			List.of(field("nationality", FieldType.COUNTRY, true, null, null, null, null, List.of(), null, null, List.of("MA")),
					field("passportNumber", FieldType.TEXT, true, 12, "^[A-Z0-9]{5,12}$", null, null, List.of(), null, null, List.of()),
					field("visaType", FieldType.CHOICE, true, null, null, null, null, List.of("TOURISM", "BUSINESS"), null, null, List.of()),
					field("entryDate", FieldType.DATE, true, null, null, null, null, List.of(), RequestCatalog.DateRule.FUTURE, null, List.of()),
					field("exitDate", FieldType.DATE, true, null, null, null, null, List.of(), RequestCatalog.DateRule.FUTURE, "entryDate", List.of()),
					field("travellers", FieldType.INTEGER, false, null, null, 1L, 9L, List.of(), null, null, List.of()),
					field("email", FieldType.EMAIL, false, null, null, null, null, List.of(), null, null, List.of())),
			List.of(), Map.of("EUR", 8000L), true, "VISA", 15);

	@Test
	void acceptsAValidForm() {
		Map<String, Object> form = Map.of("nationality", "FR", "passportNumber", "19AB12345", "visaType", "TOURISM",
				"entryDate", "2026-07-01", "exitDate", "2026-07-20", "travellers", 2, "email", "jean@example.fr");
		assertThat(this.validator.validateForm(this.visa, form)).isEmpty();
		assertThat(this.validator.missing(this.visa, form)).isEmpty();
	}

	@Test
	void namesEveryInvalidField() {
		Map<String, Object> form = new LinkedHashMap<>();
		form.put("nationality", "MA");
		form.put("passportNumber", "ab-12");
		form.put("visaType", "HOLIDAY");
		form.put("entryDate", "2026-06-15");
		form.put("exitDate", "2026-13-01");
		form.put("travellers", 2.5);
		form.put("email", "not-an-email");
		form.put("favouriteColour", "blue");
		assertThat(this.validator.validateForm(this.visa, form)).extracting(FieldValidator.FieldError::field)
			.containsExactlyInAnyOrder("nationality", "passportNumber", "visaType", "entryDate", "exitDate", "travellers",
					"email", "favouriteColour");
	}

	@Test
	void relatesDatesOnlyInTheWholeForm() {
		Map<String, Object> form = Map.of("entryDate", "2026-07-20", "exitDate", "2026-07-01");
		assertThat(this.validator.validateValues(this.visa, form)).isEmpty();
		assertThat(this.validator.validateForm(this.visa, form)).extracting(FieldValidator.FieldError::field)
			.containsExactly("exitDate");
	}

	@Test
	void integersComeAsJsonNumbersOfAnyWidth() {
		assertThat(this.validator.validateValues(this.visa, Map.of("travellers", 9L))).isEmpty();
		assertThat(this.validator.validateValues(this.visa, Map.of("travellers", 3.0))).isEmpty();
		assertThat(this.validator.validateValues(this.visa, Map.of("travellers", 10))).hasSize(1);
		assertThat(this.validator.validateValues(this.visa, Map.of("travellers", "3"))).hasSize(1);
	}

	@Test
	void aNullClearsAndIsNeverInvalid() {
		Map<String, Object> patch = new LinkedHashMap<>();
		patch.put("email", null);
		assertThat(this.validator.validateValues(this.visa, patch)).isEmpty();
		assertThat(this.validator.missing(this.visa, Map.of())).containsExactly("nationality", "passportNumber",
				"visaType", "entryDate", "exitDate");
	}

	private static FieldDefinition field(String name, FieldType type, boolean required, Integer maxLength,
			String pattern, Long min, Long max, List<String> options, RequestCatalog.DateRule date, String after,
			List<String> excluded) {
		return new FieldDefinition(name, type, required, Map.of("fr", name), null, maxLength, pattern, min, max, options,
				date, after, excluded);
	}

}
