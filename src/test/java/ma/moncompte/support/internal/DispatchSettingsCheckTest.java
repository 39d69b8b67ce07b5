package ma.moncompte.support.internal;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A production instance must be given the key that encrypts courier secrets; it has no default. */
class DispatchSettingsCheckTest {

	@Test
	void productionRefusesToStartWithoutTheCourierSecretKey() {
		Map<String, Object> settings = new HashMap<>(Map.of("DATABASE_HOST", "db", "DATABASE_USERNAME", "portal",
				"DATABASE_PASSWORD", "secret", "KAFKA_BOOTSTRAP_SERVERS", "kafka:9092", "SMTP_HOST", "smtp",
				"PUBLIC_BASE_URL", "https://moncompte.example", "IDENTITY_ENCRYPTION_KEY", "a2V5"));
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("operator", settings));

		assertThatThrownBy(() -> new RequiredSettingsCheck().postProcessEnvironment(environment, new SpringApplication()))
			.isInstanceOf(MissingSettingsException.class)
			.hasMessageContaining("DISPATCH_SECRET_KEY");

		settings.put("DISPATCH_SECRET_KEY", "ZGV2LXN0YWNrLW9ubHktY291cmllci1zZWNyZXQta2U=");
		environment.getPropertySources().replace("operator", new MapPropertySource("operator", settings));
		assertThatCode(() -> new RequiredSettingsCheck().postProcessEnvironment(environment, new SpringApplication()))
			.doesNotThrowAnyException();
	}

}
