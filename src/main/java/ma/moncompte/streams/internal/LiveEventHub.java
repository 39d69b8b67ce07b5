package ma.moncompte.streams.internal;

import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import ma.moncompte.streams.StatusEvent;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * This instance's open streams, by citizen. Each stream has its own bounded buffer, so one slow
 * browser never holds back the others: when its buffer fills, its stream ends and the browser resumes
 * from the event log with Last-Event-ID, losing nothing.
 */
@Component
class LiveEventHub {

	private final Map<UUID, Set<LiveSubscription>> subscriptions = new ConcurrentHashMap<>();

	private final AtomicInteger open = new AtomicInteger();

	private final int bufferSize;

	LiveEventHub(StreamsProperties properties, MeterRegistry meters) {
		this.bufferSize = properties.subscriberBuffer();
		Gauge.builder("moncompte.sse.streams.open", this.open, AtomicInteger::get)
			.description("Server-sent event streams open on this instance")
			.register(meters);
	}

	LiveSubscription subscribe(UUID accountId) {
		LiveSubscription subscription = new LiveSubscription(accountId, new ArrayBlockingQueue<>(this.bufferSize));
		this.subscriptions.computeIfAbsent(accountId, id -> ConcurrentHashMap.newKeySet()).add(subscription);
		this.open.incrementAndGet();
		return subscription;
	}

	void dispatch(StatusEvent event) {
		Set<LiveSubscription> listeners = this.subscriptions.get(event.accountId());
		if (listeners != null) {
			listeners.forEach(subscription -> subscription.offer(event));
		}
	}

	int openStreams() {
		return this.open.get();
	}

	int openStreams(UUID accountId) {
		Set<LiveSubscription> listeners = this.subscriptions.get(accountId);
		return listeners == null ? 0 : listeners.size();
	}

	final class LiveSubscription {

		private final UUID accountId;

		private final Sinks.Many<StatusEvent> sink;

		private boolean closed;

		private LiveSubscription(UUID accountId, Queue<StatusEvent> buffer) {
			this.accountId = accountId;
			this.sink = Sinks.many().unicast().onBackpressureBuffer(buffer);
		}

		Flux<StatusEvent> events() {
			return this.sink.asFlux();
		}

		// Emission is serialized per subscription: the Kafka fan-out and close() may race.
		private synchronized void offer(StatusEvent event) {
			if (this.closed) {
				return;
			}
			if (this.sink.tryEmitNext(event).isFailure()) {
				// Too slow (or gone): end the stream; the client resumes from the log.
				this.sink.tryEmitComplete();
				close();
			}
		}

		synchronized void close() {
			if (this.closed) {
				return;
			}
			this.closed = true;
			LiveEventHub.this.open.decrementAndGet();
			LiveEventHub.this.subscriptions.computeIfPresent(this.accountId, (id, set) -> {
				set.remove(this);
				return set.isEmpty() ? null : set;
			});
		}

	}

}
