package ma.moncompte.accounts.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ma.moncompte.accounts.AccountClosed;
import ma.moncompte.accounts.CurrentUser;
import ma.moncompte.accounts.PersonalDataHolder;
import ma.moncompte.accounts.Role;
import ma.moncompte.notifications.Mailer;
import ma.moncompte.support.ApiProblem;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Data rights under Law 09-08 and the GDPR: a full export of the citizen's data, and closing the account
 * with erasure of everything the consulate need not keep.
 */
@Component
class DataRights {

	/** Tables of this module keyed by account, emptied on closure. */
	private static final List<String> ERASED_TABLES = List.of("sessions", "email_verification_tokens",
			"email_change_requests", "password_reset_tokens", "recovery_codes", "totp_credentials", "login_challenges");

	private final DatabaseClient db;

	private final Profiles profiles;

	private final TwoFactor twoFactor;

	private final AccountTokens tokens;

	private final ActivityLog activity;

	private final Reauthentication reauthentication;

	private final AccountRepository accounts;

	private final AccountMails mails;

	private final Mailer mailer;

	private final ObjectProvider<PersonalDataHolder> holders;

	private final TransactionalOperator transactions;

	DataRights(DatabaseClient db, Profiles profiles, TwoFactor twoFactor, AccountTokens tokens, ActivityLog activity,
			Reauthentication reauthentication, AccountRepository accounts, AccountMails mails, Mailer mailer,
			ObjectProvider<PersonalDataHolder> holders, TransactionalOperator transactions) {
		this.db = db;
		this.profiles = profiles;
		this.twoFactor = twoFactor;
		this.tokens = tokens;
		this.activity = activity;
		this.reauthentication = reauthentication;
		this.accounts = accounts;
		this.mails = mails;
		this.mailer = mailer;
		this.holders = holders;
		this.transactions = transactions;
	}

	record AccountExport(UUID id, String email, String firstName, String lastName, java.time.LocalDate dateOfBirth,
			Profiles.Address address, String phone, String preferredLanguage, List<String> roles, String consulate,
			Profiles.Identity identity, Instant createdAt, Instant verifiedAt, Instant updatedAt) {
	}

	record SessionRecord(UUID id, Instant createdAt, Instant lastSeenAt, Instant expiresAt, Instant revokedAt,
			String userAgent, String ipAddress) {
	}

	record Export(Instant exportedAt, AccountExport account, String pendingEmailChange, TwoFactor.Status twoFactor,
			List<SessionRecord> sessions, List<ActivityLog.Entry> activity, Map<String, Object> otherRecords) {
	}

	Mono<Export> export(CurrentUser user, ClientInfo client) {
		UUID id = user.accountId();
		Mono<Map<String, Object>> others = Flux.fromIterable(this.holders.orderedStream().toList())
			.concatMap(holder -> holder.export(id).map(data -> Map.entry(holder.section(), data)))
			.collectMap(Map.Entry::getKey, Map.Entry::getValue, LinkedHashMap::new);
		// The export itself is logged first, so it lists itself too.
		return this.activity.record(id, ActivityLog.DATA_EXPORTED, client)
			.then(Mono.zip(this.profiles.stored(id), this.tokens.pendingEmail(id).defaultIfEmpty(""),
					this.twoFactor.status(id), sessions(id), this.activity.recent(id, null, Integer.MAX_VALUE).collectList(),
					others))
			.map(t -> new Export(Instant.now(), account(t.getT1()), t.getT2().isEmpty() ? null : t.getT2(), t.getT3(),
					t.getT4(), t.getT5(), t.getT6()));
	}

	/**
	 * Closes the account: the password (and, with 2FA on, a code) again, then in one transaction this
	 * module erases its own data and every {@link PersonalDataHolder} reacts, the event log last.
	 */
	Mono<Void> close(CurrentUser user, String currentPassword, String code) {
		if (!user.roles().equals(java.util.Set.of(Role.CITIZEN))) {
			return Mono.error(ApiProblem.forbidden("staff-account",
					"Staff accounts are closed by an administrator, not from the account itself."));
		}
		return this.reauthentication.withPassword(user, currentPassword)
			.flatMap(account -> this.twoFactor.enabled(account.id())
				.flatMap(on -> !on ? Mono.just(account)
						: this.reauthentication.guarded(user, () -> this.twoFactor.verify(account.id(), code)
							.switchIfEmpty(Mono.error(TwoFactor::invalidCode)))
							.thenReturn(account)))
			.flatMap(account -> erase(account).as(this.transactions::transactional));
	}

	private Mono<Void> erase(Account account) {
		UUID id = account.id();
		return this.db.sql("SELECT now() AS closed_at FROM accounts WHERE id = :id FOR UPDATE")
			.bind("id", id)
			.map((row, meta) -> row.get("closed_at", OffsetDateTime.class).toInstant())
			.one()
			.flatMap(closedAt -> {
				AccountClosed closed = new AccountClosed(id, closedAt);
				return this.mailer.enqueue(this.mails.accountClosed(account))
					.then(this.activity.eraseWithinTransaction(id))
					.thenMany(Flux.fromIterable(ERASED_TABLES))
					.concatMap(table -> this.db.sql("DELETE FROM " + table + " WHERE account_id = :id").bind("id", id).then())
					.then(this.db.sql("""
							DELETE FROM auth_failures WHERE (scope = :login AND subject = :email) OR (scope = :reauth AND subject = :id)""")
						.bind("login", Throttling.LOGIN_ACCOUNT)
						.bind("email", account.email())
						.bind("reauth", Throttling.REAUTHENTICATION)
						.bind("id", id.toString())
						.then())
					.then(this.db.sql("DELETE FROM request_quotas WHERE scope = :scope AND subject = :email")
						.bind("scope", Quotas.MAIL_ADDRESS)
						.bind("email", account.email())
						.then())
					.then(this.db.sql("""
							UPDATE accounts SET email = 'closed-' || id || '@closed.invalid', password_hash = '!closed',
							    first_name = '', last_name = '', date_of_birth = NULL, address_line1 = NULL,
							    address_line2 = NULL, address_postal_code = NULL, address_city = NULL,
							    address_country = NULL, phone_e164 = NULL, passport_number_enc = NULL,
							    passport_issued_on = NULL, passport_expires_on = NULL, cnie_number_enc = NULL,
							    consular_registration_enc = NULL, closed_at = :closedAt, updated_at = now()
							WHERE id = :id""")
						.bind("closedAt", closedAt.atOffset(java.time.ZoneOffset.UTC))
						.bind("id", id)
						.then())
					// What stays of the history: that the owner closed the account, and when.
					.then(this.activity.record(id, ActivityLog.ACCOUNT_CLOSED, ClientInfo.UNKNOWN))
					// Then the other modules, in their order; the event log's holder appends
					// account.closed, the last write of the transaction.
					.thenMany(Flux.fromIterable(this.holders.orderedStream().toList()))
					.concatMap(holder -> holder.accountClosed(closed))
					.then();
			});
	}

	private Mono<List<SessionRecord>> sessions(UUID accountId) {
		return this.db.sql("""
				SELECT id, created_at, last_seen_at, expires_at, revoked_at, user_agent, ip_address
				FROM sessions WHERE account_id = :account ORDER BY created_at DESC""")
			.bind("account", accountId)
			.map((row, meta) -> new SessionRecord(row.get("id", UUID.class), instant(row.get("created_at", OffsetDateTime.class)),
					instant(row.get("last_seen_at", OffsetDateTime.class)), instant(row.get("expires_at", OffsetDateTime.class)),
					instant(row.get("revoked_at", OffsetDateTime.class)), row.get("user_agent", String.class),
					row.get("ip_address", String.class)))
			.all()
			.collectList();
	}

	private AccountExport account(StoredProfile p) {
		return new AccountExport(p.id(), p.email(), p.firstName(), p.lastName(), p.dateOfBirth(), Profiles.address(p),
				p.phone(), p.preferredLanguage(), p.roles(), p.consulateCode(), this.profiles.identity(p, false),
				p.createdAt(), p.verifiedAt(), p.updatedAt());
	}

	private static Instant instant(OffsetDateTime value) {
		return value == null ? null : value.toInstant();
	}

}
