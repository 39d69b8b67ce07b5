package ma.moncompte.streams.internal;

import java.time.Duration;
import java.util.UUID;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Event relay and live streams.
 *
 * @param topic the Kafka topic that carries status events
 * @param partitions partitions to create the topic with, when it does not exist yet
 * @param relayInterval how often the relay looks for unpublished events
 * @param relayBatchSize events published per relay transaction
 * @param heartbeat interval of SSE comments that keep idle connections open and detect dead clients
 * @param subscriberBuffer events buffered per SSE connection; a slower client is disconnected and
 * resumes with Last-Event-ID
 * @param instanceId names this instance's consumer group, so every instance sees every event
 */
@ConfigurationProperties("moncompte.streams")
record StreamsProperties(@DefaultValue("consulat.status-events") String topic, @DefaultValue("6") int partitions,
		@DefaultValue("200ms") Duration relayInterval, @DefaultValue("200") int relayBatchSize,
		@DefaultValue("15s") Duration heartbeat, @DefaultValue("1024") int subscriberBuffer, String instanceId) {

	StreamsProperties {
		if (instanceId == null || instanceId.isBlank()) {
			instanceId = UUID.randomUUID().toString();
		}
	}

}
