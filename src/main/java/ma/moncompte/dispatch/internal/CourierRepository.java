package ma.moncompte.dispatch.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Component
class CourierRepository {

	private final DatabaseClient db;

	CourierRepository(DatabaseClient db) {
		this.db = db;
	}

	record Courier(String code, String name, Instant createdAt) {
	}

	record StoredSecret(UUID id, String courierCode, byte[] nonce, byte[] ciphertext) {
	}

	record CourierSummary(String code, String name, Instant createdAt, int activeSecrets) {
	}

	/** Emits nothing when the code is taken. */
	Mono<Courier> insertIfAbsent(String code, String name) {
		return this.db.sql("""
				INSERT INTO couriers (code, name) VALUES (:code, :name)
				ON CONFLICT (code) DO NOTHING
				RETURNING code, name, created_at""")
			.bind("code", code)
			.bind("name", name)
			.map((row, meta) -> new Courier(row.get("code", String.class), row.get("name", String.class),
					row.get("created_at", OffsetDateTime.class).toInstant()))
			.one();
	}

	Mono<Boolean> exists(String code) {
		return this.db.sql("SELECT EXISTS (SELECT 1 FROM couriers WHERE code = :code) AS found")
			.bind("code", code)
			.map((row, meta) -> Boolean.TRUE.equals(row.get("found", Boolean.class)))
			.one();
	}

	/** Serializes rotations of one courier for the rest of the transaction. */
	Mono<Courier> lock(String code) {
		return this.db.sql("SELECT code, name, created_at FROM couriers WHERE code = :code FOR UPDATE")
			.bind("code", code)
			.map((row, meta) -> new Courier(row.get("code", String.class), row.get("name", String.class),
					row.get("created_at", OffsetDateTime.class).toInstant()))
			.one();
	}

	/**
	 * Starts the overlap of the current secret and ends at once any secret still in an earlier overlap, so
	 * that with the secret about to be added at most two are valid. Emits when the current one expires
	 * (empty when the courier had none).
	 */
	Mono<Instant> retireCurrent(String code, Duration overlap) {
		return this.db.sql("""
				WITH older AS (
				    UPDATE courier_secrets SET expires_at = now()
				    WHERE courier_code = :code AND expires_at IS NOT NULL AND expires_at > now()
				    RETURNING id),
				current AS (
				    UPDATE courier_secrets SET expires_at = now() + make_interval(secs => :overlap)
				    WHERE courier_code = :code AND expires_at IS NULL
				    RETURNING expires_at)
				SELECT (SELECT max(expires_at) FROM current) AS valid_until, (SELECT count(*) FROM older) AS ended""")
			.bind("code", code)
			.bind("overlap", (double) overlap.toSeconds())
			.map((row, meta) -> {
				OffsetDateTime until = row.get("valid_until", OffsetDateTime.class);
				return until == null ? Instant.EPOCH : until.toInstant();
			})
			.one()
			.filter(until -> !Instant.EPOCH.equals(until));
	}

	Mono<Void> insertSecret(StoredSecret secret) {
		return this.db.sql("""
				INSERT INTO courier_secrets (id, courier_code, nonce, ciphertext)
				VALUES (:id, :code, :nonce, :ciphertext)""")
			.bind("id", secret.id())
			.bind("code", secret.courierCode())
			.bind("nonce", secret.nonce())
			.bind("ciphertext", secret.ciphertext())
			.then();
	}

	/** The secrets a webhook of this courier may be signed with right now; none for an unknown courier. */
	Flux<StoredSecret> activeSecrets(String code) {
		return this.db.sql("""
				SELECT id, courier_code, nonce, ciphertext FROM courier_secrets
				WHERE courier_code = :code AND (expires_at IS NULL OR expires_at > now())""")
			.bind("code", code)
			.map((row, meta) -> new StoredSecret(row.get("id", UUID.class), row.get("courier_code", String.class),
					row.get("nonce", byte[].class), row.get("ciphertext", byte[].class)))
			.all();
	}

	Flux<CourierSummary> all() {
		return this.db.sql("""
				SELECT c.code, c.name, c.created_at,
				       (SELECT count(*) FROM courier_secrets s
				        WHERE s.courier_code = c.code AND (s.expires_at IS NULL OR s.expires_at > now())) AS active
				FROM couriers c ORDER BY c.code""")
			.map((row, meta) -> new CourierSummary(row.get("code", String.class), row.get("name", String.class),
					row.get("created_at", OffsetDateTime.class).toInstant(), row.get("active", Long.class).intValue()))
			.all();
	}

}
