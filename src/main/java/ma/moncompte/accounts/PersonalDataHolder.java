package ma.moncompte.accounts;

import java.util.UUID;

import reactor.core.publisher.Mono;

/**
 * Implemented by every module that keeps personal data of citizens, so that the data-rights endpoints
 * of the accounts module cover it: the export ({@code GET /api/v1/me/export}) includes each holder's
 * section, and closing an account lets each holder erase what it need not keep. Holders run in
 * {@code @Order}; the event log's holder runs last, since it appends {@code account.closed}, the last
 * write of the closing transaction.
 */
public interface PersonalDataHolder {

	/** The name of this holder's section in the export, such as {@code appointments}. */
	String section();

	/** The citizen's data as a JSON-serializable value (records, lists, maps). */
	Mono<Object> export(UUID accountId);

	/**
	 * Erases or anonymizes the account's data, keeping only what the consulate must keep. Runs inside
	 * the transaction that closes the account: a failure here keeps the account open.
	 */
	Mono<Void> accountClosed(AccountClosed closed);

}
