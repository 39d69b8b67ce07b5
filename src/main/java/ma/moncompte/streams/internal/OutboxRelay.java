package ma.moncompte.streams.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import ma.moncompte.streams.StatusEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Publishes the event log to Kafka, at least once and in id order. Only one instance relays at a time
 * (a transaction-scoped advisory lock), so per-citizen order survives any number of instances; rows are
 * marked published only after the broker acknowledged them, in the same transaction that locked them.
 * While Kafka is down the batch fails, the transaction rolls back, and the rows simply wait.
 */
@Component
class OutboxRelay implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	/** Advisory-lock key (class, id) held by the instance that relays right now. */
	private static final int RELAY_LOCK_CLASS = 2;

	private final DatabaseClient db;

	private final TransactionalOperator transactions;

	private final EventLogReader eventLog;

	private final EventBus bus;

	private final StreamsProperties properties;

	private final Counter published;

	private final AtomicReference<Double> lagSeconds = new AtomicReference<>(0.0);

	private volatile Disposable loop;

	private volatile Disposable lagProbe;

	OutboxRelay(DatabaseClient db, TransactionalOperator transactions, EventLogReader eventLog, EventBus bus,
			StreamsProperties properties, MeterRegistry meters) {
		this.db = db;
		this.transactions = transactions;
		this.eventLog = eventLog;
		this.bus = bus;
		this.properties = properties;
		this.published = Counter.builder("moncompte.relay.published")
			.description("Events published to Kafka")
			.register(meters);
		Gauge.builder("moncompte.relay.lag.seconds", this.lagSeconds, AtomicReference::get)
			.description("Age of the oldest event not yet published to Kafka")
			.register(meters);
	}

	/** One relay transaction; emits how many events it published (0 when another instance holds the lock). */
	Mono<Integer> relayOnce() {
		return this.db.sql("SELECT pg_try_advisory_xact_lock(:lockClass, 0) AS locked")
			.bind("lockClass", RELAY_LOCK_CLASS)
			.map((row, meta) -> Boolean.TRUE.equals(row.get("locked", Boolean.class)))
			.one()
			.flatMap(locked -> locked ? publishBatch() : Mono.just(0))
			.as(this.transactions::transactional);
	}

	private Mono<Integer> publishBatch() {
		return this.eventLog.unpublished(this.properties.relayBatchSize()).collectList().flatMap(this::publish);
	}

	private Mono<Integer> publish(List<StatusEvent> batch) {
		if (batch.isEmpty()) {
			return Mono.just(0);
		}
		List<Long> ids = batch.stream().map(StatusEvent::id).toList();
		return this.bus.publish(batch)
			.then(this.eventLog.markPublished(ids))
			.doOnSuccess(rows -> this.published.increment(batch.size()))
			.thenReturn(batch.size());
	}

	private Mono<Void> drain() {
		return relayOnce().expand(count -> count >= this.properties.relayBatchSize() ? relayOnce() : Mono.empty())
			.then()
			.onErrorResume(ex -> {
				log.warn("Event relay paused, will retry: {}", ex.toString());
				return Mono.empty();
			});
	}

	@Override
	public void start() {
		this.loop = Flux.interval(Duration.ZERO, this.properties.relayInterval())
			.onBackpressureDrop()
			.concatMap(tick -> drain(), 1)
			.subscribe();
		this.lagProbe = Flux.interval(Duration.ofSeconds(1), Duration.ofSeconds(5))
			.onBackpressureDrop()
			.concatMap(tick -> this.eventLog.oldestUnpublishedAgeSeconds().onErrorResume(ex -> Mono.empty()), 1)
			.subscribe(this.lagSeconds::set);
	}

	@Override
	public void stop() {
		if (this.loop != null) {
			this.loop.dispose();
		}
		if (this.lagProbe != null) {
			this.lagProbe.dispose();
		}
	}

	@Override
	public boolean isRunning() {
		return this.loop != null && !this.loop.isDisposed();
	}

}
