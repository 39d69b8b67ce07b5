package ma.moncompte.devstack;

import java.util.LinkedHashMap;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * The infrastructure that development and tests run against: PostgreSQL 17, a Kafka KRaft broker, and
 * GreenMail (SMTP + IMAP). Started once per JVM and shared by every application context in it.
 * <p>
 * This is the one switch: with a Docker engine, Testcontainers images ({@code postgres:17},
 * {@code apache/kafka}); without one, embedded PostgreSQL binaries and spring-kafka-test's KRaft broker.
 * GreenMail always runs in-process.
 */
public final class DevStack {

	private static final Logger log = LoggerFactory.getLogger(DevStack.class);

	private static DevStack shared;

	private static Boolean docker;

	private final Database database;

	private final Broker broker;

	private final GreenMail mail;

	private DevStack(Database database, Broker broker, GreenMail mail) {
		this.database = database;
		this.broker = broker;
		this.mail = mail;
	}

	/** Connection settings of a PostgreSQL server. */
	public record Database(String host, int port, String name, String username, String password) {

		public String jdbcUrl() {
			return "jdbc:postgresql://" + this.host + ":" + this.port + "/" + this.name;
		}

		public String r2dbcUrl() {
			return "r2dbc:postgresql://" + this.host + ":" + this.port + "/" + this.name;
		}

	}

	/** A running Kafka broker. */
	public interface Broker {

		String bootstrapServers();

	}

	public static synchronized boolean dockerAvailable() {
		if (docker == null) {
			if (Boolean.getBoolean("moncompte.devstack.embedded") || !dockerEndpointConfigured()) {
				docker = false;
			}
			else {
				try {
					docker = DockerClientFactory.instance().isDockerAvailable();
				}
				catch (RuntimeException | LinkageError ex) {
					docker = false;
				}
			}
		}
		return docker;
	}

	/** Asking Testcontainers when nothing points at an engine only logs a page of errors. */
	private static boolean dockerEndpointConfigured() {
		String home = System.getProperty("user.home");
		return System.getenv("DOCKER_HOST") != null || java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"))
				|| java.nio.file.Files.exists(java.nio.file.Path.of(home, ".docker", "run", "docker.sock"))
				|| java.nio.file.Files.exists(java.nio.file.Path.of(home, ".testcontainers.properties"));
	}

	/** Starts the stack on first use. Mail ports 0 pick free ports (tests); the dev stack uses 3025/3143. */
	public static synchronized DevStack shared(int smtpPort, int imapPort) {
		if (shared == null) {
			long started = System.nanoTime();
			GreenMail mail = MailServer.start(smtpPort, imapPort);
			if (dockerAvailable()) {
				shared = new DevStack(ContainerServices.postgres(), ContainerServices.kafka(), mail);
			}
			else {
				shared = new DevStack(EmbeddedServices.postgres(), EmbeddedServices.kafka(), mail);
			}
			log.info("Dev stack ready in {} ms ({}): PostgreSQL {}, Kafka {}, SMTP {}, IMAP {}",
					(System.nanoTime() - started) / 1_000_000, dockerAvailable() ? "Testcontainers" : "embedded",
					shared.database.jdbcUrl(), shared.broker.bootstrapServers(), mail.getSmtp().getPort(),
					mail.getImap().getPort());
		}
		return shared;
	}

	public static synchronized DevStack shared() {
		return shared(0, 0);
	}

	public Database database() {
		return this.database;
	}

	public Broker broker() {
		return this.broker;
	}

	public GreenMail mail() {
		return this.mail;
	}

	/** Everything an application context needs to use this stack. */
	public Map<String, Object> properties() {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.r2dbc.url", this.database.r2dbcUrl());
		properties.put("spring.r2dbc.username", this.database.username());
		properties.put("spring.r2dbc.password", this.database.password());
		properties.put("spring.flyway.url", this.database.jdbcUrl());
		properties.put("spring.flyway.user", this.database.username());
		properties.put("spring.flyway.password", this.database.password());
		properties.put("spring.kafka.bootstrap-servers", this.broker.bootstrapServers());
		properties.putAll(mailProperties());
		return properties;
	}

	public Map<String, Object> mailProperties() {
		return Map.of("spring.mail.host", "127.0.0.1", "spring.mail.port", this.mail.getSmtp().getPort(),
				"spring.mail.properties.mail.smtp.starttls.enable", "false");
	}

}
