package ma.moncompte.accounts.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.r2dbc.spi.Readable;

/** An account row as stored: identity numbers still encrypted. */
record StoredProfile(UUID id, String email, String firstName, String lastName, LocalDate dateOfBirth,
		String addressLine1, String addressLine2, String postalCode, String city, String country, String phone,
		String preferredLanguage, List<String> roles, String consulateCode, String passportNumberEnc,
		LocalDate passportIssuedOn, LocalDate passportExpiresOn, String cnieNumberEnc, String consularRegistrationEnc,
		Instant createdAt, Instant verifiedAt, Instant updatedAt) {

	static final String COLUMNS = "id, email, first_name, last_name, date_of_birth, address_line1, address_line2, "
			+ "address_postal_code, address_city, address_country, phone_e164, preferred_language, roles, consulate_code, "
			+ "passport_number_enc, passport_issued_on, passport_expires_on, cnie_number_enc, consular_registration_enc, "
			+ "created_at, verified_at, updated_at";

	static StoredProfile of(Readable row) {
		String[] roles = row.get("roles", String[].class);
		return new StoredProfile(row.get("id", UUID.class), row.get("email", String.class),
				row.get("first_name", String.class), row.get("last_name", String.class),
				row.get("date_of_birth", LocalDate.class), row.get("address_line1", String.class),
				row.get("address_line2", String.class), row.get("address_postal_code", String.class),
				row.get("address_city", String.class), row.get("address_country", String.class),
				row.get("phone_e164", String.class), row.get("preferred_language", String.class),
				roles == null ? List.of() : List.of(roles).stream().sorted().toList(),
				row.get("consulate_code", String.class), row.get("passport_number_enc", String.class),
				row.get("passport_issued_on", LocalDate.class), row.get("passport_expires_on", LocalDate.class),
				row.get("cnie_number_enc", String.class), row.get("consular_registration_enc", String.class),
				instant(row.get("created_at", OffsetDateTime.class)), instant(row.get("verified_at", OffsetDateTime.class)),
				instant(row.get("updated_at", OffsetDateTime.class)));
	}

	private static Instant instant(OffsetDateTime value) {
		return value == null ? null : value.toInstant();
	}

}
