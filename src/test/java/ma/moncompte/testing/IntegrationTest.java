package ma.moncompte.testing;

import java.time.Duration;

import ma.moncompte.MonCompteApplication;
import ma.moncompte.devstack.DemoData;
import ma.moncompte.devstack.DevStack;
import ma.moncompte.devstack.DevStackConfiguration;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.awaitility.Awaitility.await;

/**
 * Base of the integration tests: the real application on a random port, against the JVM's shared
 * {@link DevStack}. Every subclass uses the same configuration, so they share one context.
 */
// Short heartbeats: streams notice revoked sessions and dead clients within seconds in tests.
@SpringBootTest(classes = MonCompteApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "moncompte.streams.heartbeat=2s")
@Import({ DevStackConfiguration.class, DemoData.class })
@ActiveProfiles("devstack")
public abstract class IntegrationTest {

	@LocalServerPort
	protected int port;

	@Autowired
	protected DatabaseClient db;

	@Autowired
	private DemoData.DemoSeeder demo;

	protected Portal portal;

	protected Citizens citizens;

	@BeforeEach
	void connect() {
		this.portal = new Portal(baseUrl());
		this.citizens = new Citizens(this.db);
		awaitReady(this.portal);
		this.demo.seeded().block(Duration.ofSeconds(60));
	}

	protected String baseUrl() {
		return "http://localhost:" + this.port;
	}

	protected WebTestClient http() {
		return this.portal.http();
	}

	protected static DevStack stack() {
		return DevStack.shared();
	}

	/** Readiness includes the Kafka consumer's assignment: until then live events could be missed. */
	public static void awaitReady(Portal portal) {
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> portal.isReady());
	}

}
