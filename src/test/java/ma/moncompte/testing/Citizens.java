package ma.moncompte.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ma.moncompte.support.SecureTokens;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Verified citizens with open sessions, created straight in the database: concurrency tests need
 * hundreds, and signing each up over HTTP would spend minutes hashing passwords. The sign-up path
 * itself is covered end to end elsewhere.
 */
public class Citizens {

	private final DatabaseClient db;

	public Citizens(DatabaseClient db) {
		this.db = db;
	}

	public record Citizen(UUID id, String email, String token) {
	}

	public Citizen create() {
		return create(1).get(0);
	}

	public List<Citizen> create(int count) {
		List<Citizen> created = new ArrayList<>(count);
		String batch = UUID.randomUUID().toString().substring(0, 8);
		String[] emails = new String[count];
		String[] tokens = new String[count];
		String[] hashes = new String[count];
		for (int i = 0; i < count; i++) {
			emails[i] = "citizen-" + batch + "-" + i + "@example.org";
			tokens[i] = SecureTokens.newToken();
			hashes[i] = SecureTokens.sha256(tokens[i]);
		}
		Map<String, UUID> idsByEmail = this.db.sql("""
				INSERT INTO accounts (email, password_hash, first_name, last_name, preferred_language, verified_at)
				SELECT e, '{noop}no-password-sign-in', 'Test', 'Citizen', 'fr', now() FROM unnest(CAST(:emails AS text[])) AS t(e)
				RETURNING id, email""")
			.bind("emails", emails)
			.map((row, meta) -> Map.entry(row.get("email", String.class), row.get("id", UUID.class)))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue)
			.block();
		List<UUID> ids = java.util.Arrays.stream(emails).map(idsByEmail::get).toList();
		this.db.sql("""
				INSERT INTO sessions (account_id, token_hash, expires_at)
				SELECT a, h, now() + interval '2 hours'
				FROM unnest(CAST(:accounts AS uuid[]), CAST(:hashes AS text[])) AS t(a, h)""")
			.bind("accounts", ids.toArray(UUID[]::new))
			.bind("hashes", hashes)
			.then()
			.block();
		for (int i = 0; i < count; i++) {
			created.add(new Citizen(ids.get(i), emails[i], tokens[i]));
		}
		return created;
	}

}
