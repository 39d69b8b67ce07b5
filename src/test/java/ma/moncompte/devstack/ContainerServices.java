package ma.moncompte.devstack;

import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** The Docker path: the same services as images, started once per JVM and never stopped by a context. */
final class ContainerServices {

	static final PostgreSQLContainer POSTGRES = new PostgreSQLContainer("postgres:17");

	static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.0");

	private ContainerServices() {
	}

	static DevStack.Database postgres() {
		if (!POSTGRES.isRunning()) {
			POSTGRES.start();
		}
		return new DevStack.Database(POSTGRES.getHost(), POSTGRES.getFirstMappedPort(), POSTGRES.getDatabaseName(),
				POSTGRES.getUsername(), POSTGRES.getPassword());
	}

	static DevStack.Broker kafka() {
		if (!KAFKA.isRunning()) {
			KAFKA.start();
		}
		return KAFKA::getBootstrapServers;
	}

}
