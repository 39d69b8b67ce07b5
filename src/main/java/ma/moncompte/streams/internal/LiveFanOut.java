package ma.moncompte.streams.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;

/** Feeds every event that reaches this instance through Kafka to the streams open here. */
@Component
class LiveFanOut implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(LiveFanOut.class);

	private final EventBus bus;

	private final LiveEventHub hub;

	private volatile Disposable subscription;

	LiveFanOut(EventBus bus, LiveEventHub hub) {
		this.bus = bus;
		this.hub = hub;
	}

	@Override
	public void start() {
		this.bus.prepare()
			.doOnError(ex -> log.warn("Could not ensure the status topic exists: {}", ex.toString()))
			.onErrorComplete()
			.subscribe();
		this.subscription = this.bus.events().subscribe(this.hub::dispatch,
				ex -> log.error("Live fan-out stopped", ex));
	}

	@Override
	public void stop() {
		if (this.subscription != null) {
			this.subscription.dispose();
		}
	}

	@Override
	public boolean isRunning() {
		return this.subscription != null && !this.subscription.isDisposed();
	}

}
