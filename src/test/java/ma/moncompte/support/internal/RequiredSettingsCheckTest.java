package ma.moncompte.support.internal;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A production start without the identity encryption key is refused, naming the variable. */
class RequiredSettingsCheckTest {

	private static final Map<String, Object> EVERYTHING_BUT_THE_KEY = Map.of("DATABASE_HOST", "db", "DATABASE_USERNAME",
			"u", "DATABASE_PASSWORD", "p", "KAFKA_BOOTSTRAP_SERVERS", "k:9092", "SMTP_HOST", "smtp", "PUBLIC_BASE_URL",
			"https://moncompte.example");

	@Test
	void productionNeedsTheIdentityEncryptionKey() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("env", EVERYTHING_BUT_THE_KEY));
		environment.getPropertySources().addLast(new MapPropertySource("yml",
				Map.of("moncompte.accounts.encryption.key", "${IDENTITY_ENCRYPTION_KEY:}")));
		assertThatThrownBy(() -> new RequiredSettingsCheck().postProcessEnvironment(environment, null))
			.isInstanceOf(MissingSettingsException.class)
			.hasMessageContaining("IDENTITY_ENCRYPTION_KEY");

		environment.getPropertySources().addFirst(new MapPropertySource("key", Map.of("IDENTITY_ENCRYPTION_KEY", "a2V5")));
		assertThatCode(() -> new RequiredSettingsCheck().postProcessEnvironment(environment, null)).doesNotThrowAnyException();
	}

}
