package ma.moncompte.accounts;

import ma.moncompte.MonCompteApplication;
import ma.moncompte.devstack.DevStackConfiguration;
import ma.moncompte.testing.IntegrationTest;
import ma.moncompte.testing.Portal;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Another application instance on the same database and broker, as a second pod would be. */
final class SecondInstance implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private final Portal portal;

	private SecondInstance(ConfigurableApplicationContext context) {
		this.context = context;
		this.portal = new Portal("http://localhost:" + context.getEnvironment().getProperty("local.server.port"));
		IntegrationTest.awaitReady(this.portal);
	}

	static SecondInstance start() {
		return new SecondInstance(new SpringApplicationBuilder(MonCompteApplication.class, DevStackConfiguration.class)
			.profiles("devstack")
			.properties("server.port=0", "moncompte.booking.generate-on-startup=false")
			.run());
	}

	Portal portal() {
		return this.portal;
	}

	@Override
	public void close() {
		this.context.close();
	}

}
