package ma.moncompte.support.internal;

import java.util.List;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * Refuses to start a production instance that lacks its external services, naming every missing
 * environment variable at once instead of failing later inside a connection pool.
 */
class RequiredSettingsCheck implements EnvironmentPostProcessor, Ordered {

	/** The embedded development stack and the tests bring their own services. */
	static final String DEV_STACK_PROFILE = "devstack";

	private static final List<Setting> REQUIRED = List.of(
			new Setting("DATABASE_HOST", "spring.r2dbc.url", "the PostgreSQL host"),
			new Setting("DATABASE_USERNAME", "spring.r2dbc.username", "the PostgreSQL user"),
			new Setting("DATABASE_PASSWORD", "spring.r2dbc.password", "the PostgreSQL password"),
			new Setting("KAFKA_BOOTSTRAP_SERVERS", "spring.kafka.bootstrap-servers", "the Kafka brokers, host:port,..."),
			new Setting("SMTP_HOST", "spring.mail.host", "the SMTP relay host"),
			new Setting("PUBLIC_BASE_URL", "moncompte.public-base-url", "the portal's public address, e.g. https://moncompte.example"),
			new Setting("DISPATCH_SECRET_KEY", "moncompte.dispatch.secret-encryption-key",
					"base64 of a 32-byte AES key that encrypts courier webhook secrets, e.g. from openssl rand -base64 32"),
			new Setting("IDENTITY_ENCRYPTION_KEY", "moncompte.accounts.encryption.key",
					"the AES-256 key for identity numbers at rest, base64 of 32 random bytes"));

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.acceptsProfiles(Profiles.of(DEV_STACK_PROFILE))) {
			return;
		}
		List<String> missing = REQUIRED.stream().filter(setting -> !setting.isPresentIn(environment))
			.map(setting -> setting.variable() + " (" + setting.meaning() + ")")
			.toList();
		if (!missing.isEmpty()) {
			throw new MissingSettingsException(missing);
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	private record Setting(String variable, String property, String meaning) {

		boolean isPresentIn(ConfigurableEnvironment environment) {
			return hasText(environment.getProperty(this.variable)) || hasExplicitValue(environment);
		}

		private boolean hasExplicitValue(ConfigurableEnvironment environment) {
			// The packaged configuration maps the property onto the variable; a value that does not
			// mention the variable was set by the operator some other way.
			try {
				String value = environment.getProperty(this.property);
				return hasText(value) && !value.contains("://:") && !value.startsWith(":");
			}
			catch (IllegalArgumentException unresolvable) {
				return false;
			}
		}

		private static boolean hasText(String value) {
			return value != null && !value.isBlank();
		}

	}

}
