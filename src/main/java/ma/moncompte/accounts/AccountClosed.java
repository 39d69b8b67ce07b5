package ma.moncompte.accounts;

import java.time.Instant;
import java.util.UUID;

/**
 * A citizen closed their account (right to erasure, Law 09-08 / GDPR). Given to every
 * {@link PersonalDataHolder} inside the closing transaction, and appended to the event log as
 * {@code account.closed} (payload: {@code accountId}, {@code closedAt}) for consumers outside the process.
 */
public record AccountClosed(UUID accountId, Instant closedAt) {

	public static final String EVENT_TYPE = "account.closed";

}
