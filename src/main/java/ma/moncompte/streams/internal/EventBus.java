package ma.moncompte.streams.internal;

import java.util.List;

import ma.moncompte.streams.StatusEvent;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The broker, as the rest of the application sees it. Kafka lives behind this port only. */
interface EventBus {

	/** Gets the broker ready (the topic exists); safe to repeat. */
	Mono<Void> prepare();

	/** Completes once the broker has acknowledged every event, in order per citizen. */
	Mono<Void> publish(List<StatusEvent> events);

	/** Every event published by any instance, from the moment this instance joined. */
	Flux<StatusEvent> events();

	Mono<Boolean> isReachable();

	/** Whether this instance receives the events published from now on. */
	boolean isListening();

}
