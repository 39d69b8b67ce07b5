package ma.moncompte.testing;

import java.util.HashMap;
import java.util.Map;

import ma.moncompte.MonCompteApplication;
import ma.moncompte.devstack.DevStack;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Another instance of the service, in the same JVM, sharing the database (and by default the broker). */
public final class SecondInstance implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private SecondInstance(ConfigurableApplicationContext context) {
		this.context = context;
	}

	public static SecondInstance start(Map<String, Object> overrides) {
		Map<String, Object> properties = new HashMap<>(DevStack.shared().properties());
		properties.put("server.port", 0);
		properties.put("moncompte.booking.generate-on-startup", false);
		properties.putAll(overrides);
		// As command-line arguments, they outrank application.yml, as the test context's own properties do.
		String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
			.toArray(String[]::new);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(MonCompteApplication.class)
			.profiles("devstack")
			.run(args);
		return new SecondInstance(context);
	}

	public int port() {
		return ((WebServerApplicationContext) this.context).getWebServer().getPort();
	}

	public Portal portal() {
		return new Portal("http://localhost:" + port());
	}

	public <T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	@Override
	public void close() {
		this.context.close();
	}

}
