package ma.moncompte.accounts;

import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Verified citizens that can sign in with a password, created straight in the database. The password
 * is hashed once per JVM with the same scheme the application stores ({@code {argon2}} prefix).
 */
final class AccountFixtures {

	static final String PASSWORD = "une phrase de passe assez longue";

	private static String hash;

	private final DatabaseClient db;

	AccountFixtures(DatabaseClient db) {
		this.db = db;
	}

	record Citizen(UUID id, String email, String password) {
	}

	private static synchronized String hash() {
		if (hash == null) {
			hash = "{argon2}" + Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode(PASSWORD);
		}
		return hash;
	}

	Citizen citizen(String prefix) {
		String email = prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
		UUID id = this.db.sql("""
				INSERT INTO accounts (email, password_hash, first_name, last_name, preferred_language, verified_at)
				VALUES (:email, :hash, 'Youssef', 'Alaoui', 'fr', now()) RETURNING id""")
			.bind("email", email)
			.bind("hash", hash())
			.map((row, meta) -> row.get("id", UUID.class))
			.one()
			.block();
		return new Citizen(id, email, PASSWORD);
	}

	/** A fresh client address, so that per-IP throttling in one test does not touch another. */
	static String newIp() {
		java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
		return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
	}

}
