package ma.moncompte.booking.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Gives the seats of expired holds back to their slots; safe on every instance at once (SKIP LOCKED). */
@Component
class SeatHoldSweeper implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(SeatHoldSweeper.class);

	private static final int BATCH = 500;

	private final SeatHoldRepository holds;

	private final SeatHoldProperties properties;

	private volatile Disposable loop;

	SeatHoldSweeper(SeatHoldRepository holds, SeatHoldProperties properties) {
		this.holds = holds;
		this.properties = properties;
	}

	Mono<Long> sweep() {
		return this.holds.expireDue(BATCH).doOnNext(count -> {
			if (count > 0) {
				log.info("Released {} expired seat holds", count);
			}
		});
	}

	@Override
	public void start() {
		this.loop = Flux.interval(this.properties.sweepInterval())
			.onBackpressureDrop()
			.concatMap(tick -> sweep().onErrorResume(ex -> {
				log.warn("Seat hold sweep failed, will retry: {}", ex.toString());
				return Mono.empty();
			}), 1)
			.subscribe();
	}

	@Override
	public void stop() {
		if (this.loop != null) {
			this.loop.dispose();
		}
	}

	@Override
	public boolean isRunning() {
		return this.loop != null && !this.loop.isDisposed();
	}

}
