package ma.moncompte.streams.internal;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import ma.moncompte.accounts.AccountClosed;
import ma.moncompte.accounts.PersonalDataHolder;
import ma.moncompte.streams.EventLog;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The citizen's status history in the data export. On closure the history stays (it is the record of
 * the consulate's decisions and carries no name or address), and {@code account.closed} is appended to
 * the log, so that consumers of the Kafka topic outside this process learn of it. Ordered last: the
 * event is the last write of the closing transaction.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class EventLogPersonalData implements PersonalDataHolder {

	private final EventLogReader reader;

	private final EventLog eventLog;

	private final JsonMapper json;

	EventLogPersonalData(EventLogReader reader, EventLog eventLog, JsonMapper json) {
		this.reader = reader;
		this.eventLog = eventLog;
		this.json = json;
	}

	record ExportedEvent(long id, String type, Instant occurredAt, Object payload) {
	}

	@Override
	public String section() {
		return "statusEvents";
	}

	@Override
	public Mono<Object> export(UUID accountId) {
		return this.reader.after(accountId, 0)
			.map(event -> new ExportedEvent(event.id(), event.type(), event.occurredAt(),
					this.json.readValue(event.payload(), Object.class)))
			.collectList()
			.map(events -> events);
	}

	@Override
	public Mono<Void> accountClosed(AccountClosed closed) {
		return this.eventLog.append(closed.accountId(), AccountClosed.EVENT_TYPE,
				Map.of("accountId", closed.accountId().toString(), "closedAt", closed.closedAt().toString()))
			.then();
	}

}
