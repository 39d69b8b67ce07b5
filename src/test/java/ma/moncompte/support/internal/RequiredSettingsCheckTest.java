package ma.moncompte.support.internal;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequiredSettingsCheckTest {

	private final RequiredSettingsCheck check = new RequiredSettingsCheck();

	@Test
	void aProductionStartWithoutServicesNamesEveryMissingVariable() {
		StandardEnvironment environment = environment(Map.of("DATABASE_HOST", "db.internal"));
		assertThatThrownBy(() -> this.check.postProcessEnvironment(environment, new SpringApplication()))
			.isInstanceOf(MissingSettingsException.class)
			.hasMessageStartingWith("Missing configuration: set ")
			.hasMessageContaining("DATABASE_USERNAME")
			.hasMessageContaining("KAFKA_BOOTSTRAP_SERVERS")
			.hasMessageContaining("SMTP_HOST")
			.hasMessageContaining("PUBLIC_BASE_URL")
			.hasMessageContaining("IDENTITY_ENCRYPTION_KEY")
			.hasMessageNotContaining("DATABASE_HOST");
		assertThat(new MissingSettingsFailureAnalyzer().analyze(new MissingSettingsException(java.util.List.of("X"))))
			.satisfies(analysis -> assertThat(analysis.getDescription()).isEqualTo("Missing configuration: set X"));
	}

	@Test
	void aCompleteEnvironmentOrTheDevStackPasses() {
		this.check.postProcessEnvironment(environment(Map.of("DATABASE_HOST", "db", "DATABASE_USERNAME", "app",
				"DATABASE_PASSWORD", "secret", "KAFKA_BOOTSTRAP_SERVERS", "kafka:9092", "SMTP_HOST", "smtp",
				"PUBLIC_BASE_URL", "https://moncompte.example", "IDENTITY_ENCRYPTION_KEY", "a2V5", "DISPATCH_SECRET_KEY",
				"a2V5")), new SpringApplication());
		StandardEnvironment dev = environment(Map.of());
		dev.setActiveProfiles("devstack");
		this.check.postProcessEnvironment(dev, new SpringApplication());
	}

	@Test
	void theIdentityEncryptionKeyMustComeFromTheEnvironmentInProduction() {
		Map<String, Object> everythingButTheKey = Map.of("DATABASE_HOST", "db", "DATABASE_USERNAME", "app",
				"DATABASE_PASSWORD", "secret", "KAFKA_BOOTSTRAP_SERVERS", "kafka:9092", "SMTP_HOST", "smtp",
				"PUBLIC_BASE_URL", "https://moncompte.example");
		StandardEnvironment environment = environment(everythingButTheKey);
		// As packaged: the property only points at the variable.
		environment.getPropertySources().addLast(new MapPropertySource("application.yml",
				Map.of("moncompte.accounts.encryption.key", "${IDENTITY_ENCRYPTION_KEY:}")));
		assertThatThrownBy(() -> this.check.postProcessEnvironment(environment, new SpringApplication()))
			.isInstanceOf(MissingSettingsException.class)
			.hasMessageContaining("IDENTITY_ENCRYPTION_KEY");
	}

	private static StandardEnvironment environment(Map<String, Object> values) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		// The embedded broker of other tests in this JVM publishes spring.kafka.bootstrap-servers there.
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
		environment.getPropertySources().addFirst(new MapPropertySource("test", values));
		return environment;
	}

}
