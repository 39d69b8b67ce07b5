package ma.moncompte.accounts.internal;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.UUID;

import ma.moncompte.accounts.CurrentUser;
import ma.moncompte.notifications.Mailer;
import ma.moncompte.support.ApiProblem;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Two-factor authentication with TOTP and single-use recovery codes.
 * <p>
 * Replay: a credential remembers the time step of the last code it accepted, and a code is accepted only
 * by an UPDATE that moves that step forward, so the same code (or an older one) never works twice, even
 * when two requests race with it. Recovery codes read {@code LLLL-SSSS-SSSS-SSSS}: the first group finds
 * the stored code, the 60-bit rest is kept as an Argon2id hash and checked once per attempt.
 */
@Component
class TwoFactor {

	static final int RECOVERY_CODES = 10;

	private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

	private static final SecureRandom RANDOM = new SecureRandom();

	private final DatabaseClient db;

	private final IdentityCipher cipher;

	private final Passwords passwords;

	private final Reauthentication reauthentication;

	private final ActivityLog activity;

	private final AccountRepository accounts;

	private final AccountMails mails;

	private final Mailer mailer;

	private final TransactionalOperator transactions;

	TwoFactor(DatabaseClient db, IdentityCipher cipher, Passwords passwords, Reauthentication reauthentication,
			ActivityLog activity, AccountRepository accounts, AccountMails mails, Mailer mailer,
			TransactionalOperator transactions) {
		this.db = db;
		this.cipher = cipher;
		this.passwords = passwords;
		this.reauthentication = reauthentication;
		this.activity = activity;
		this.accounts = accounts;
		this.mails = mails;
		this.mailer = mailer;
		this.transactions = transactions;
	}

	record Enrolment(String secret, String otpauthUri, String qrCode) {
	}

	enum Factor {

		TOTP, RECOVERY_CODE

	}

	record Status(boolean enabled, Instant enabledAt, int recoveryCodesLeft) {
	}

	/** Starts (or restarts) an enrolment; 2FA is on only once {@link #confirm} saw a code from the app. */
	Mono<Enrolment> enrol(CurrentUser user, String currentPassword) {
		byte[] secret = Totp.newSecret();
		return this.reauthentication.withPassword(user, currentPassword)
			.flatMap(account -> this.db.sql("""
					INSERT INTO totp_credentials AS c (account_id, secret_enc) VALUES (:account, :secret)
					ON CONFLICT (account_id) DO UPDATE SET secret_enc = EXCLUDED.secret_enc, created_at = now(),
					    last_used_step = NULL
					WHERE c.confirmed_at IS NULL""")
				.bind("account", user.accountId())
				.bind("secret", this.cipher.encrypt(Totp.base32(secret), aad(user.accountId())))
				.fetch()
				.rowsUpdated()
				.flatMap(rows -> rows == 1 ? Mono.just(account) : Mono.error(alreadyEnabled())))
			.flatMap(account -> Mono.fromCallable(() -> {
				String uri = Totp.otpauthUri(account.email(), secret);
				String png = Base64.getEncoder().encodeToString(Totp.qrPng(uri));
				return new Enrolment(Totp.base32(secret), uri, "data:image/png;base64," + png);
			}).subscribeOn(Schedulers.boundedElastic()));
	}

	/** Turns 2FA on with a first code from the app; emits the recovery codes, shown this once only. */
	Mono<List<String>> confirm(CurrentUser user, String code, ClientInfo client) {
		// The attempt is counted in its own transaction: a wrong code must not roll the count back.
		return this.reauthentication.guarded(user, () -> secret(user.accountId(), false)
			.switchIfEmpty(Mono.error(() -> ApiProblem.conflict("no-enrolment", "No enrolment",
					"Start an enrolment first: POST /api/v1/me/2fa/enrolment.")))
			.flatMap(secret -> {
				OptionalLong step = Totp.matchingStep(secret, code, Instant.now());
				if (step.isEmpty()) {
					return Mono.error(invalidCode());
				}
				return this.db.sql("""
						UPDATE totp_credentials SET confirmed_at = now(), last_used_step = :step
						WHERE account_id = :account AND confirmed_at IS NULL""")
					.bind("step", step.getAsLong())
					.bind("account", user.accountId())
					.fetch()
					.rowsUpdated()
					.flatMap(rows -> rows == 1 ? Mono.just(true) : Mono.error(alreadyEnabled()));
			})
			.then(newRecoveryCodes(user.accountId()))
			.flatMap(codes -> this.activity.record(user.accountId(), ActivityLog.TWO_FACTOR_ENABLED, client)
				.then(this.accounts.findById(user.accountId()))
				.flatMap(account -> this.mailer.enqueue(this.mails.twoFactorEnabled(account)))
				.thenReturn(codes))
			.as(this.transactions::transactional));
	}

	/** Turns 2FA off; needs a current code (or a recovery code). */
	Mono<Void> disable(CurrentUser user, String code, ClientInfo client) {
		return this.reauthentication.guarded(user, () -> verify(user.accountId(), code)
			.switchIfEmpty(Mono.error(TwoFactor::invalidCode))
			.then(this.db.sql("DELETE FROM recovery_codes WHERE account_id = :account").bind("account", user.accountId()).then())
			.then(this.db.sql("DELETE FROM totp_credentials WHERE account_id = :account").bind("account", user.accountId()).then())
			.then(this.activity.record(user.accountId(), ActivityLog.TWO_FACTOR_DISABLED, client))
			.then(this.accounts.findById(user.accountId()))
			.flatMap(account -> this.mailer.enqueue(this.mails.twoFactorDisabled(account)))
			.thenReturn(true)
			.as(this.transactions::transactional))
			.then();
	}

	/** Replaces the recovery codes; needs a current code. */
	Mono<List<String>> renewRecoveryCodes(CurrentUser user, String code, ClientInfo client) {
		return this.reauthentication.guarded(user, () -> verify(user.accountId(), code)
			.switchIfEmpty(Mono.error(TwoFactor::invalidCode))
			.then(newRecoveryCodes(user.accountId()))
			.flatMap(codes -> this.activity.record(user.accountId(), ActivityLog.RECOVERY_CODES_RENEWED, client)
				.thenReturn(codes))
			.as(this.transactions::transactional));
	}

	Mono<Boolean> enabled(UUID accountId) {
		return status(accountId).map(Status::enabled);
	}

	Mono<Status> status(UUID accountId) {
		return this.db.sql("""
				SELECT c.confirmed_at,
				       (SELECT count(*) FROM recovery_codes r WHERE r.account_id = :account AND r.used_at IS NULL) AS left_codes
				FROM (SELECT 1) AS one LEFT JOIN totp_credentials c ON c.account_id = :account""")
			.bind("account", accountId)
			.map((row, meta) -> {
				OffsetDateTime confirmed = row.get("confirmed_at", OffsetDateTime.class);
				Long left = row.get("left_codes", Long.class);
				return new Status(confirmed != null, confirmed == null ? null : confirmed.toInstant(),
						left == null ? 0 : left.intValue());
			})
			.one();
	}

	/**
	 * Checks a second factor of an account with 2FA on: a TOTP code (six digits) or a recovery code.
	 * Emits which one it was, or nothing when it is wrong, replayed or already used.
	 */
	Mono<Factor> verify(UUID accountId, String code) {
		if (code == null) {
			return Mono.empty();
		}
		String trimmed = code.trim().replace(" ", "");
		if (trimmed.matches("[0-9]{" + Totp.DIGITS + "}")) {
			return secret(accountId, true).flatMap(secret -> {
				OptionalLong step = Totp.matchingStep(secret, trimmed, Instant.now());
				return step.isEmpty() ? Mono.empty() : spendStep(accountId, step.getAsLong());
			});
		}
		return useRecoveryCode(accountId, trimmed);
	}

	private Mono<Factor> spendStep(UUID accountId, long step) {
		return this.db.sql("""
				UPDATE totp_credentials SET last_used_step = :step
				WHERE account_id = :account AND confirmed_at IS NOT NULL
				  AND (last_used_step IS NULL OR last_used_step < :step)""")
			.bind("step", step)
			.bind("account", accountId)
			.fetch()
			.rowsUpdated()
			.flatMap(rows -> rows == 1 ? Mono.just(Factor.TOTP) : Mono.empty());
	}

	private Mono<Factor> useRecoveryCode(UUID accountId, String code) {
		String normalized = normalizeRecoveryCode(code);
		if (normalized.length() != 16) {
			return Mono.empty();
		}
		String lookup = normalized.substring(0, 4);
		String secret = normalized.substring(4);
		return this.db.sql("""
				SELECT code_hash FROM recovery_codes r JOIN totp_credentials c ON c.account_id = r.account_id
				WHERE r.account_id = :account AND r.lookup = :lookup AND r.used_at IS NULL AND c.confirmed_at IS NOT NULL""")
			.bind("account", accountId)
			.bind("lookup", lookup)
			.map((row, meta) -> row.get("code_hash", String.class))
			.one()
			.flatMap(hash -> this.passwords.matches(secret, hash))
			.filter(Boolean::booleanValue)
			.flatMap(matches -> this.db.sql("""
					UPDATE recovery_codes SET used_at = now()
					WHERE account_id = :account AND lookup = :lookup AND used_at IS NULL""")
				.bind("account", accountId)
				.bind("lookup", lookup)
				.fetch()
				.rowsUpdated())
			.flatMap(rows -> rows == 1 ? Mono.just(Factor.RECOVERY_CODE) : Mono.empty());
	}

	private Mono<List<String>> newRecoveryCodes(UUID accountId) {
		List<String> codes = new ArrayList<>();
		List<String> lookups = new ArrayList<>();
		while (codes.size() < RECOVERY_CODES) {
			String raw = randomCrockford(16);
			if (!lookups.contains(raw.substring(0, 4))) {
				lookups.add(raw.substring(0, 4));
				codes.add(raw);
			}
		}
		return this.db.sql("DELETE FROM recovery_codes WHERE account_id = :account")
			.bind("account", accountId)
			.then()
			.thenMany(Flux.fromIterable(codes)
				.flatMapSequential(raw -> this.passwords.hash(raw.substring(4)).map(hash -> List.of(raw.substring(0, 4), hash)), 4))
			.concatMap(lookupAndHash -> this.db.sql("""
					INSERT INTO recovery_codes (account_id, lookup, code_hash) VALUES (:account, :lookup, :hash)""")
				.bind("account", accountId)
				.bind("lookup", lookupAndHash.get(0))
				.bind("hash", lookupAndHash.get(1))
				.then())
			.then(Mono.fromSupplier(() -> codes.stream().map(TwoFactor::format).toList()));
	}

	/** The shared secret; {@code confirmed} picks an active credential or a pending enrolment. */
	private Mono<byte[]> secret(UUID accountId, boolean confirmed) {
		return this.db.sql("SELECT secret_enc FROM totp_credentials WHERE account_id = :account AND "
				+ (confirmed ? "confirmed_at IS NOT NULL" : "confirmed_at IS NULL"))
			.bind("account", accountId)
			.map((row, meta) -> row.get("secret_enc", String.class))
			.one()
			.map(stored -> base32Decode(this.cipher.decrypt(stored, aad(accountId))));
	}

	static String aad(UUID accountId) {
		return "totp_credentials.secret|" + accountId;
	}

	static String normalizeRecoveryCode(String code) {
		StringBuilder sb = new StringBuilder();
		for (char c : code.toUpperCase(Locale.ROOT).toCharArray()) {
			switch (c) {
				case '-', ' ' -> {
				}
				case 'O' -> sb.append('0');
				case 'I', 'L' -> sb.append('1');
				default -> sb.append(c);
			}
		}
		return sb.toString();
	}

	private static String format(String raw) {
		return raw.substring(0, 4) + "-" + raw.substring(4, 8) + "-" + raw.substring(8, 12) + "-" + raw.substring(12);
	}

	private static String randomCrockford(int length) {
		StringBuilder sb = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			sb.append(CROCKFORD[RANDOM.nextInt(CROCKFORD.length)]);
		}
		return sb.toString();
	}

	private static byte[] base32Decode(String base32) {
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
		byte[] out = new byte[base32.length() * 5 / 8];
		int buffer = 0;
		int bits = 0;
		int index = 0;
		for (char c : base32.toCharArray()) {
			buffer = (buffer << 5) | alphabet.indexOf(c);
			bits += 5;
			if (bits >= 8) {
				out[index++] = (byte) (buffer >> (bits - 8));
				bits -= 8;
			}
		}
		return out;
	}

	static ApiProblem invalidCode() {
		return ApiProblem.badRequest("invalid-code", "Invalid code",
				"The code is wrong, expired or was already used.");
	}

	private static ApiProblem alreadyEnabled() {
		return ApiProblem.conflict("two-factor-already-enabled", "Already enabled",
				"Two-factor authentication is already on; turn it off first to enrol again.");
	}

}
