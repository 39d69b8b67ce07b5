package ma.moncompte.streams.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import ma.moncompte.streams.StatusEvent;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.kafka.receiver.KafkaReceiver;
import reactor.kafka.receiver.ReceiverOptions;
import reactor.kafka.sender.KafkaSender;
import reactor.kafka.sender.SenderOptions;
import reactor.kafka.sender.SenderRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Reactor Kafka adapter. Reactor Kafka 1.3 is no longer developed upstream; it is used here only for
 * plain send and receive, which work with the kafka-clients 4 that Boot brings, and nothing else of it
 * leaks out of this class.
 */
@Component
class KafkaEventBus implements EventBus, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(KafkaEventBus.class);

	private final StreamsProperties properties;

	private final JsonMapper json;

	private final KafkaSender<String, String> sender;

	private final Flux<StatusEvent> events;

	private final Admin admin;

	/** Until the consumer owns its partitions, events published now would never reach this instance. */
	private final AtomicBoolean assigned = new AtomicBoolean();

	KafkaEventBus(KafkaProperties kafka, KafkaConnectionDetails connection, StreamsProperties properties,
			JsonMapper json) {
		this.properties = properties;
		this.json = json;
		this.sender = KafkaSender.create(SenderOptions.create(producerConfig(kafka, connection)));
		this.admin = Admin.create(adminConfig(kafka, connection));
		ReceiverOptions<String, String> receiverOptions = ReceiverOptions
			.<String, String>create(consumerConfig(kafka, connection, properties))
			.subscription(List.of(properties.topic()))
			.addAssignListener(partitions -> this.assigned.set(!partitions.isEmpty() || this.assigned.get()))
			.addRevokeListener(partitions -> this.assigned.set(false));
		this.events = KafkaReceiver.create(receiverOptions)
			.receiveAutoAck()
			.concatMap(batch -> batch)
			.retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(30))
				.doBeforeRetry(signal -> log.warn("Kafka consumer failed, reconnecting: {}", signal.failure().toString())))
			.concatMap(record -> Mono.justOrEmpty(decode(record)))
			.share();
	}

	private static Map<String, Object> producerConfig(KafkaProperties kafka, KafkaConnectionDetails connection) {
		Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, connection.getProducer().getBootstrapServers());
		config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		// Idempotent, fully acknowledged sends keep each citizen's events in order on their partition.
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
		config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
		config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
		return config;
	}

	private static Map<String, Object> consumerConfig(KafkaProperties kafka, KafkaConnectionDetails connection,
			StreamsProperties properties) {
		Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, connection.getConsumer().getBootstrapServers());
		// A group of its own per instance: every instance must see every event to serve its streams.
		config.put(ConsumerConfig.GROUP_ID_CONFIG, "moncompte-live-" + properties.instanceId());
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		config.putIfAbsent(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 5_000);
		return config;
	}

	private static Map<String, Object> adminConfig(KafkaProperties kafka, KafkaConnectionDetails connection) {
		Map<String, Object> config = new HashMap<>(kafka.buildAdminProperties());
		config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, connection.getAdmin().getBootstrapServers());
		config.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
		config.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
		return config;
	}

	/** Creates the topic if it is missing; where topics are provisioned by operators this is a no-op. */
	@Override
	public Mono<Void> prepare() {
		NewTopic topic = new NewTopic(this.properties.topic(), this.properties.partitions(), (short) -1);
		return Mono.fromCompletionStage(() -> this.admin.createTopics(List.of(topic)).all().toCompletionStage())
			.onErrorResume(ex -> ex instanceof TopicExistsException || ex.getCause() instanceof TopicExistsException,
					ex -> Mono.empty())
			.then();
	}

	@Override
	public Mono<Void> publish(List<StatusEvent> batch) {
		Flux<SenderRecord<String, String, Long>> records = Flux.fromIterable(batch)
			.map(event -> SenderRecord.create(new ProducerRecord<>(this.properties.topic(),
					event.accountId().toString(), encode(event)), event.id()));
		return this.sender.send(records).then();
	}

	@Override
	public Flux<StatusEvent> events() {
		return this.events;
	}

	@Override
	public boolean isListening() {
		return this.assigned.get();
	}

	@Override
	public Mono<Boolean> isReachable() {
		return Mono.fromCompletionStage(() -> this.admin.describeCluster().clusterId().toCompletionStage())
			.timeout(Duration.ofSeconds(5))
			.map(id -> true)
			.onErrorReturn(false);
	}

	private String encode(StatusEvent event) {
		ObjectNode node = this.json.createObjectNode();
		node.put("id", event.id());
		node.put("accountId", event.accountId().toString());
		node.put("type", event.type());
		node.put("occurredAt", event.occurredAt().toString());
		node.set("payload", this.json.readTree(event.payload()));
		return this.json.writeValueAsString(node);
	}

	private StatusEvent decode(ConsumerRecord<String, String> record) {
		try {
			JsonNode node = this.json.readTree(record.value());
			return new StatusEvent(node.get("id").asLong(), UUID.fromString(node.get("accountId").asString()),
					node.get("type").asString(), Instant.parse(node.get("occurredAt").asString()),
					this.json.writeValueAsString(node.get("payload")));
		}
		catch (RuntimeException ex) {
			log.warn("Skipping unreadable record at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
					ex.toString());
			return null;
		}
	}

	@Override
	public void destroy() {
		this.sender.close();
		this.admin.close(Duration.ofSeconds(2));
	}

}
