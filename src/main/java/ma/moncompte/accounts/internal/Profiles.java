package ma.moncompte.accounts.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import ma.moncompte.support.ApiProblem;
import tools.jackson.databind.JsonNode;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/** The citizen's profile: personal details, address, phone, language and (encrypted) identity numbers. */
@Component
class Profiles {

	static final Set<String> ENCRYPTED_COLUMNS = Set.of("passport_number_enc", "cnie_number_enc",
			"consular_registration_enc");

	private final DatabaseClient db;

	private final IdentityCipher cipher;

	private final TwoFactor twoFactor;

	private final AccountTokens tokens;

	private final ActivityLog activity;

	private final AccountMails mails;

	private final TransactionalOperator transactions;

	private final AccountsProperties properties;

	Profiles(DatabaseClient db, IdentityCipher cipher, TwoFactor twoFactor, AccountTokens tokens, ActivityLog activity,
			AccountMails mails, TransactionalOperator transactions, AccountsProperties properties) {
		this.db = db;
		this.cipher = cipher;
		this.twoFactor = twoFactor;
		this.tokens = tokens;
		this.activity = activity;
		this.mails = mails;
		this.transactions = transactions;
		this.properties = properties;
	}

	record Address(String line1, String line2, String postalCode, String city, String country) {
	}

	record Passport(String number, LocalDate issuedOn, LocalDate expiresOn) {
	}

	/** Identity numbers; in profile responses masked, in the data export in full. */
	record Identity(Passport passport, String cnieNumber, String consularRegistrationNumber) {
	}

	record Hint(String code, LocalDate date, long daysLeft, String message) {
	}

	record ProfileView(UUID id, String email, String pendingEmail, String firstName, String lastName,
			LocalDate dateOfBirth, Address address, String phone, String preferredLanguage, List<String> roles,
			String consulate, Identity identity, boolean twoFactorEnabled, List<Hint> hints) {
	}

	Mono<StoredProfile> stored(UUID accountId) {
		return this.db.sql("SELECT " + StoredProfile.COLUMNS + " FROM accounts WHERE id = :id AND closed_at IS NULL")
			.bind("id", accountId)
			.map((row, meta) -> StoredProfile.of(row))
			.one();
	}

	Mono<ProfileView> view(UUID accountId) {
		return stored(accountId).flatMap(profile -> Mono.zip(this.twoFactor.enabled(accountId),
				this.tokens.pendingEmail(accountId).defaultIfEmpty(""))
			.map(extra -> toView(profile, extra.getT1(), extra.getT2().isEmpty() ? null : extra.getT2())));
	}

	Mono<ProfileView> update(UUID accountId, JsonNode patch, ClientInfo client) {
		return stored(accountId).flatMap(current -> {
			ProfilePatch changes = ProfilePatch.read(patch, current.country(), LocalDate.now(ZoneOffset.UTC));
			if (!changes.valid()) {
				return Mono.error(ApiProblem.badRequest("validation-failed", "Validation failed", "Some fields are invalid.")
					.with("errors", changes.errors));
			}
			if (changes.columns.isEmpty()) {
				return Mono.just(current);
			}
			return write(accountId, changes)
				.then(this.activity.record(accountId, ActivityLog.PROFILE_UPDATED, client,
						Map.of("fields", changes.changedFields)))
				.as(this.transactions::transactional)
				.onErrorMap(DataIntegrityViolationException.class, ex -> ApiProblem.badRequest("validation-failed",
						"Validation failed", "The profile would be inconsistent (for instance passport dates)."))
				.thenReturn(current);
		}).then(view(accountId));
	}

	/** Column names come from {@link ProfilePatch}'s fixed set, never from the request. */
	private Mono<Void> write(UUID accountId, ProfilePatch changes) {
		StringBuilder sql = new StringBuilder("UPDATE accounts SET ");
		changes.columns.keySet().forEach(column -> sql.append(column).append(" = :").append(column).append(", "));
		sql.append("updated_at = now() WHERE id = :id AND closed_at IS NULL");
		DatabaseClient.GenericExecuteSpec spec = this.db.sql(sql.toString()).bind("id", accountId);
		for (Map.Entry<String, Object> column : changes.columns.entrySet()) {
			Object value = column.getValue();
			if (value != null && ENCRYPTED_COLUMNS.contains(column.getKey())) {
				value = this.cipher.encrypt((String) value, aad(column.getKey(), accountId));
			}
			spec = value == null ? spec.bindNull(column.getKey(), changes.types.get(column.getKey()))
					: spec.bind(column.getKey(), value);
		}
		return spec.then();
	}

	Identity identity(StoredProfile profile, boolean masked) {
		String passport = decrypt(profile.passportNumberEnc(), "passport_number_enc", profile.id());
		String cnie = decrypt(profile.cnieNumberEnc(), "cnie_number_enc", profile.id());
		String consular = decrypt(profile.consularRegistrationEnc(), "consular_registration_enc", profile.id());
		if (masked) {
			passport = IdentityCipher.mask(passport);
			cnie = IdentityCipher.mask(cnie);
			consular = IdentityCipher.mask(consular);
		}
		return new Identity(passport == null ? null
				: new Passport(passport, profile.passportIssuedOn(), profile.passportExpiresOn()), cnie, consular);
	}

	static Address address(StoredProfile profile) {
		return profile.addressLine1() == null && profile.city() == null ? null
				: new Address(profile.addressLine1(), profile.addressLine2(), profile.postalCode(), profile.city(),
						profile.country());
	}

	private ProfileView toView(StoredProfile profile, boolean twoFactorEnabled, String pendingEmail) {
		return new ProfileView(profile.id(), profile.email(), pendingEmail, profile.firstName(), profile.lastName(),
				profile.dateOfBirth(), address(profile), profile.phone(), profile.preferredLanguage(), profile.roles(),
				profile.consulateCode(), identity(profile, true), twoFactorEnabled, hints(profile));
	}

	/** Dashboard hints: a passport that expires within the warning period, or has expired. */
	private List<Hint> hints(StoredProfile profile) {
		List<Hint> hints = new ArrayList<>();
		LocalDate expires = profile.passportExpiresOn();
		if (expires != null && profile.passportNumberEnc() != null) {
			LocalDate today = LocalDate.now(ZoneOffset.UTC);
			long daysLeft = ChronoUnit.DAYS.between(today, expires);
			if (expires.isBefore(today)) {
				hints.add(new Hint("passport-expired", expires, daysLeft,
						this.mails.text("hint.passport-expired", profile.preferredLanguage(), expires.toString())));
			}
			else if (!expires.isAfter(today.plusMonths(this.properties.passportExpiryWarningMonths()))) {
				hints.add(new Hint("passport-expiring", expires, daysLeft,
						this.mails.text("hint.passport-expiring", profile.preferredLanguage(), expires.toString())));
			}
		}
		return hints;
	}

	private String decrypt(String stored, String column, UUID accountId) {
		return this.cipher.decrypt(stored, aad(column, accountId));
	}

	static String aad(String column, UUID accountId) {
		return "accounts." + column + "|" + accountId;
	}


}
