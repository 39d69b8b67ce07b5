package ma.moncompte.accounts.internal;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import tools.jackson.databind.JsonNode;

/**
 * Reads a JSON merge patch (RFC 7396) of the profile: a member that is absent stays as it is, {@code null}
 * clears it. {@code address} and {@code passport} are replaced as a whole. The result maps account columns
 * to their new values, identity numbers still in clear text; the caller encrypts them.
 */
final class ProfilePatch {

	static final Set<String> FIELDS = Set.of("firstName", "lastName", "dateOfBirth", "address", "phone",
			"preferredLanguage", "passport", "cnieNumber", "consularRegistrationNumber");

	private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

	private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

	final Map<String, Object> columns = new LinkedHashMap<>();

	final Map<String, Class<?>> types = new LinkedHashMap<>();

	final List<Map<String, String>> errors = new ArrayList<>();

	final List<String> changedFields = new ArrayList<>();

	private ProfilePatch() {
	}

	/** @param storedCountry the address country on file, for phone numbers written without +country code */
	static ProfilePatch read(JsonNode patch, String storedCountry, LocalDate today) {
		ProfilePatch result = new ProfilePatch();
		if (patch == null || !patch.isObject()) {
			result.error("", "must be a JSON object");
			return result;
		}
		for (String name : patch.propertyNames()) {
			if (name.equals("email")) {
				result.error("email", "is changed through POST /api/v1/me/email, which confirms the new address");
			}
			else if (!FIELDS.contains(name)) {
				result.error(name, "is not a profile field");
			}
			else {
				result.changedFields.add(name);
			}
		}
		result.name(patch, "firstName", "first_name");
		result.name(patch, "lastName", "last_name");
		if (patch.has("dateOfBirth")) {
			LocalDate birth = result.date(patch.get("dateOfBirth"), "dateOfBirth");
			if (birth != null && (!birth.isBefore(today) || birth.isBefore(LocalDate.of(1900, 1, 1)))) {
				result.error("dateOfBirth", "must be a past date after 1900-01-01");
			}
			result.set("date_of_birth", birth, LocalDate.class);
		}
		String country = storedCountry;
		if (patch.has("address")) {
			country = result.address(patch.get("address"));
		}
		if (patch.has("preferredLanguage")) {
			JsonNode language = patch.get("preferredLanguage");
			if (language == null || !language.isString() || !Languages.SUPPORTED.contains(language.asString())) {
				result.error("preferredLanguage", Languages.MESSAGE);
			}
			else {
				result.set("preferred_language", language.asString(), String.class);
			}
		}
		if (patch.has("phone")) {
			result.phone(patch.get("phone"), country);
		}
		if (patch.has("passport")) {
			result.passport(patch.get("passport"), today);
		}
		if (patch.has("cnieNumber")) {
			result.set("cnie_number_enc", result.identifier(patch.get("cnieNumber"), "cnieNumber", "[A-Z]{1,2}[0-9]{4,8}",
					"must be 1 or 2 letters then 4 to 8 digits, as on the CNIE"), String.class);
		}
		if (patch.has("consularRegistrationNumber")) {
			result.set("consular_registration_enc", result.identifier(patch.get("consularRegistrationNumber"),
					"consularRegistrationNumber", "[A-Z0-9][A-Z0-9/-]{3,31}",
					"must be 4 to 32 letters, digits, / or -"), String.class);
		}
		return result;
	}

	boolean valid() {
		return this.errors.isEmpty();
	}

	private void name(JsonNode patch, String field, String column) {
		if (!patch.has(field)) {
			return;
		}
		JsonNode node = patch.get(field);
		if (node == null || !node.isString() || node.asString().isBlank() || node.asString().trim().length() > 100) {
			error(field, "must be 1 to 100 characters");
			return;
		}
		set(column, node.asString().trim(), String.class);
	}

	private String address(JsonNode node) {
		if (node.isNull()) {
			for (String column : List.of("address_line1", "address_line2", "address_postal_code", "address_city",
					"address_country")) {
				set(column, null, String.class);
			}
			return null;
		}
		if (!node.isObject()) {
			error("address", "must be an object or null");
			return null;
		}
		for (String name : node.propertyNames()) {
			if (!Set.of("line1", "line2", "postalCode", "city", "country").contains(name)) {
				error("address." + name, "is not an address field");
			}
		}
		set("address_line1", text(node, "line1", "address.line1", true, 200), String.class);
		set("address_line2", text(node, "line2", "address.line2", false, 200), String.class);
		set("address_postal_code", text(node, "postalCode", "address.postalCode", false, 20), String.class);
		set("address_city", text(node, "city", "address.city", true, 100), String.class);
		String country = text(node, "country", "address.country", true, 2);
		if (country != null) {
			country = country.toUpperCase(Locale.ROOT);
			if (!COUNTRIES.contains(country)) {
				error("address.country", "must be an ISO 3166-1 alpha-2 country code, such as MA or FR");
			}
		}
		set("address_country", country, String.class);
		return country;
	}

	private void phone(JsonNode node, String country) {
		if (node == null || node.isNull()) {
			set("phone_e164", null, String.class);
			return;
		}
		if (!node.isString() || node.asString().length() > 40) {
			error("phone", "must be a phone number");
			return;
		}
		try {
			Phonenumber.PhoneNumber number = PHONES.parse(node.asString(), country == null ? "ZZ" : country);
			if (!PHONES.isValidNumber(number)) {
				error("phone", "is not a valid phone number");
				return;
			}
			set("phone_e164", PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164), String.class);
		}
		catch (NumberParseException ex) {
			error("phone", country == null ? "must start with + and the country code" : "is not a phone number");
		}
	}

	private void passport(JsonNode node, LocalDate today) {
		if (node.isNull()) {
			set("passport_number_enc", null, String.class);
			set("passport_issued_on", null, LocalDate.class);
			set("passport_expires_on", null, LocalDate.class);
			return;
		}
		if (!node.isObject()) {
			error("passport", "must be an object or null");
			return;
		}
		String number = identifier(node.get("number"), "passport.number", "[A-Z0-9]{6,9}",
				"must be 6 to 9 letters or digits");
		if (number == null) {
			error("passport.number", "is required");
		}
		LocalDate issued = node.has("issuedOn") ? date(node.get("issuedOn"), "passport.issuedOn") : null;
		LocalDate expires = node.has("expiresOn") ? date(node.get("expiresOn"), "passport.expiresOn") : null;
		if (issued == null) {
			error("passport.issuedOn", "is required");
		}
		else if (issued.isAfter(today)) {
			error("passport.issuedOn", "must not be in the future");
		}
		if (expires == null) {
			error("passport.expiresOn", "is required");
		}
		else if (issued != null && !expires.isAfter(issued)) {
			error("passport.expiresOn", "must be after issuedOn");
		}
		set("passport_number_enc", number, String.class);
		set("passport_issued_on", issued, LocalDate.class);
		set("passport_expires_on", expires, LocalDate.class);
	}

	/** Upper-cased, spaces removed; {@code null} clears. */
	private String identifier(JsonNode node, String field, String pattern, String message) {
		if (node == null || node.isNull()) {
			return null;
		}
		if (!node.isString()) {
			error(field, message);
			return null;
		}
		String value = node.asString().replace(" ", "").toUpperCase(Locale.ROOT);
		if (!value.matches(pattern)) {
			error(field, message);
			return null;
		}
		return value;
	}

	private String text(JsonNode parent, String name, String field, boolean required, int max) {
		JsonNode node = parent.get(name);
		if (node == null || node.isNull() || (node.isString() && node.asString().isBlank())) {
			if (required) {
				error(field, "is required");
			}
			return null;
		}
		if (!node.isString() || node.asString().trim().length() > max) {
			error(field, "must be at most " + max + " characters");
			return null;
		}
		return node.asString().trim();
	}

	private LocalDate date(JsonNode node, String field) {
		if (node == null || node.isNull()) {
			return null;
		}
		try {
			return node.isString() ? LocalDate.parse(node.asString()) : invalidDate(field);
		}
		catch (DateTimeParseException ex) {
			return invalidDate(field);
		}
	}

	private LocalDate invalidDate(String field) {
		error(field, "must be a date, YYYY-MM-DD");
		return null;
	}

	private void set(String column, Object value, Class<?> type) {
		this.columns.put(column, value);
		this.types.put(column, type);
	}

	private void error(String field, String message) {
		this.errors.add(Map.of("field", field, "message", message));
	}

}
