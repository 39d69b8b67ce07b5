package ma.moncompte.streams.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import ma.moncompte.devstack.EmbeddedServices.KafkaBroker;
import ma.moncompte.testing.Citizens.Citizen;
import ma.moncompte.testing.IntegrationTest;
import ma.moncompte.testing.LocalStarts;
import ma.moncompte.testing.Portal;
import ma.moncompte.testing.SecondInstance;
import ma.moncompte.testing.TcpProxy;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The broker goes away while citizens keep booking: the changes commit, their events wait in the log,
 * and every one of them reaches Kafka once the broker is back.
 */
class KafkaOutageTest extends IntegrationTest {

	@Autowired
	private OutboxRelay mainRelay;

	@Test
	void eventsWaitInTheLogDuringAnOutageAndAreAllDeliveredAfterIt() throws Exception {
		TcpProxy network = new TcpProxy();
		KafkaBroker broker = KafkaBroker.start(network.port());
		network.forwardTo(broker.listenerPort());
		// Only the instance wired to the failing broker relays during this test.
		this.mainRelay.stop();
		try (SecondInstance instance = SecondInstance.start(Map.of("spring.kafka.bootstrap-servers", broker.bootstrapServers()))) {
			Portal portal = instance.portal();
			awaitReady(portal);
			Citizen citizen = this.citizens.create();
			String agent = portal.loginAgent("IT-ROM");

			network.cut();
			broker.stop();
			List<UUID> appointments = new ArrayList<>();
			for (String service : List.of("PASSPORT", "CNIE", "VISA")) {
				UUID slot = portal.createSlot(agent, "IT-ROM", service, LocalStarts.future(), 20, 3);
				appointments.add(UUID.fromString(portal.book(citizen.token(), slot).expectStatus().isCreated()
					.expectBody(Map.class).returnResult().getResponseBody().get("id").toString()));
			}
			portal.setStatus(agent, appointments.get(0), "CHECKED_IN").expectStatus().isOk();
			Set<Long> written = eventIds(citizen.id(), false);
			assertThat(written).hasSize(4);
			await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
				.until(() -> eventIds(citizen.id(), true).isEmpty());

			broker.startAgain();
			network.forwardTo(broker.listenerPort());
			network.restore();
			await().atMost(Duration.ofSeconds(90)).until(() -> eventIds(citizen.id(), true).equals(written));
			assertThat(consumeAll(broker.bootstrapServers(), citizen.id())).containsAll(written);
		}
		finally {
			this.mainRelay.start();
			broker.stop();
			network.close();
		}
	}

	/** @param published only those the relay has marked published */
	private Set<Long> eventIds(UUID account, boolean published) {
		return Set.copyOf(this.db.sql("SELECT id FROM event_log WHERE account_id = :a"
				+ (published ? " AND published_at IS NOT NULL" : ""))
			.bind("a", account)
			.map((row, meta) -> row.get("id", Long.class))
			.all().collectList().block());
	}

	private static Set<Long> consumeAll(String bootstrap, UUID account) {
		Properties config = new Properties();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
		config.put(ConsumerConfig.GROUP_ID_CONFIG, "outage-check-" + UUID.randomUUID());
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		List<ConsumerRecord<String, String>> records = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
			consumer.subscribe(List.of("consulat.status-events"));
			await().atMost(Duration.ofSeconds(60)).until(() -> {
				consumer.poll(Duration.ofMillis(500)).forEach(records::add);
				return records.stream().filter(r -> r.key().equals(account.toString())).count() >= 4;
			});
		}
		return records.stream()
			.filter(r -> r.key().equals(account.toString()))
			.map(r -> Long.parseLong(r.value().replaceAll("^\\{\"id\":(\\d+),.*$", "$1")))
			.collect(Collectors.toSet());
	}

}
