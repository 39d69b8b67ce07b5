package ma.moncompte.streams.internal;

import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Readiness includes the broker: without it, live updates would silently stop. */
@Component("kafkaHealthIndicator")
class KafkaHealthIndicator extends AbstractReactiveHealthIndicator {

	private final EventBus bus;

	KafkaHealthIndicator(EventBus bus) {
		super("Kafka health check failed");
		this.bus = bus;
	}

	@Override
	protected Mono<Health> doHealthCheck(Health.Builder builder) {
		return this.bus.isReachable()
			.map(reachable -> builder.status(reachable && this.bus.isListening() ? "UP" : "DOWN")
				.withDetail("reachable", reachable)
				.withDetail("listening", this.bus.isListening())
				.build());
	}

}
