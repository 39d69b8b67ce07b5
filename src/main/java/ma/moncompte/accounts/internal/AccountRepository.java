package ma.moncompte.accounts.internal;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.r2dbc.spi.Readable;
import ma.moncompte.accounts.Role;
import ma.moncompte.support.SecureTokens;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

@Component
class AccountRepository {

	private static final String COLUMNS = "id, email, password_hash, first_name, last_name, preferred_language, roles, consulate_code, verified_at";

	private final DatabaseClient db;

	AccountRepository(DatabaseClient db) {
		this.db = db;
	}

	/** Emits the new account, or nothing when the email is taken. */
	Mono<Account> insertIfAbsent(NewAccount account) {
		return this.db.sql("""
				INSERT INTO accounts (email, password_hash, first_name, last_name, preferred_language, roles, consulate_code, verified_at)
				VALUES (:email, :hash, :firstName, :lastName, :language, :roles, :consulate, CASE WHEN :verified THEN now() END)
				ON CONFLICT (email) DO NOTHING
				RETURNING %s""".formatted(COLUMNS))
			.bind("email", account.email())
			.bind("hash", account.passwordHash())
			.bind("firstName", account.firstName())
			.bind("lastName", account.lastName())
			.bind("language", account.preferredLanguage())
			.bind("roles", account.roles().stream().map(Role::name).sorted().toArray(String[]::new))
			.bind("consulate", io.r2dbc.spi.Parameters.in(io.r2dbc.spi.R2dbcType.VARCHAR, account.consulateCode()))
			.bind("verified", account.verified())
			.map(AccountRepository::toAccount)
			.one();
	}

	Mono<Account> findByEmail(String email) {
		return this.db.sql("SELECT " + COLUMNS + " FROM accounts WHERE email = :email AND closed_at IS NULL")
			.bind("email", email)
			.map(AccountRepository::toAccount)
			.one();
	}

	Mono<Account> findById(UUID id) {
		return this.db.sql("SELECT " + COLUMNS + " FROM accounts WHERE id = :id")
			.bind("id", id)
			.map(AccountRepository::toAccount)
			.one();
	}

	Mono<Void> updatePassword(UUID id, String hash) {
		return this.db.sql("UPDATE accounts SET password_hash = :hash, updated_at = now() WHERE id = :id")
			.bind("hash", hash)
			.bind("id", id)
			.then();
	}

	Mono<Boolean> emailTaken(String email) {
		return this.db.sql("SELECT EXISTS (SELECT 1 FROM accounts WHERE email = :email) AS taken")
			.bind("email", email)
			.map((row, meta) -> row.get("taken", Boolean.class))
			.one();
	}

	/** Spends a token (once) and marks its account verified; emits nothing for an unknown, used or expired token. */
	Mono<UUID> spendVerificationToken(String token) {
		return this.db.sql("""
				WITH spent AS (
				    UPDATE email_verification_tokens SET used_at = now()
				    WHERE token_hash = :hash AND used_at IS NULL AND expires_at > now()
				    RETURNING account_id)
				UPDATE accounts SET verified_at = COALESCE(verified_at, now())
				FROM spent WHERE accounts.id = spent.account_id
				RETURNING accounts.id""")
			.bind("hash", SecureTokens.sha256(token))
			.map((row, meta) -> row.get("id", UUID.class))
			.one();
	}

	static Account toAccount(Readable row) {
		String[] roles = row.get("roles", String[].class);
		Set<Role> roleSet = roles == null ? Set.of()
				: Arrays.stream(roles).map(Role::valueOf).collect(Collectors.toUnmodifiableSet());
		OffsetDateTime verifiedAt = row.get("verified_at", OffsetDateTime.class);
		return new Account(row.get("id", UUID.class), row.get("email", String.class),
				row.get("password_hash", String.class), row.get("first_name", String.class),
				row.get("last_name", String.class), row.get("preferred_language", String.class), roleSet,
				row.get("consulate_code", String.class), verifiedAt == null ? null : verifiedAt.toInstant());
	}

	record NewAccount(String email, String passwordHash, String firstName, String lastName, String preferredLanguage,
			Set<Role> roles, String consulateCode, boolean verified) {
	}

}
