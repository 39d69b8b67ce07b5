package ma.moncompte.support;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class LanguagesTest {

	private static final List<String> PORTAL = List.of("fr", "ar", "en");

	@Test
	void picksTheHighestWeightedSupportedLanguage() {
		assertThat(Languages.preferred("ar-MA,ar;q=0.9,fr;q=0.8", PORTAL, "fr")).isEqualTo("ar");
		assertThat(Languages.preferred("de-DE, en;q=0.5, fr;q=0.7", PORTAL, "fr")).isEqualTo("fr");
		assertThat(Languages.preferred("EN-gb", PORTAL, "fr")).isEqualTo("en");
		assertThat(Languages.preferred("ar;q=0, en;q=0.1", PORTAL, "fr")).isEqualTo("en");
		assertThat(Languages.preferred("de, es", PORTAL, "fr")).isEqualTo("fr");
		assertThat(Languages.preferred("*", PORTAL, "fr")).isEqualTo("fr");
		assertThat(Languages.preferred(";;,,q=x", PORTAL, "fr")).isEqualTo("fr");
		assertThat(Languages.preferred(null, PORTAL, "fr")).isEqualTo("fr");
	}

	@Test
	void hostileHeadersCostNothing() {
		String hostile = "ar-" + String.join("-", java.util.Collections.nCopies(2600, "a1"));
		assertTimeoutPreemptively(java.time.Duration.ofMillis(200),
				() -> assertThat(Languages.preferred(hostile, PORTAL, "fr")).isEqualTo("fr"));
		String many = String.join(",", java.util.Collections.nCopies(5000, "x"));
		assertTimeoutPreemptively(java.time.Duration.ofMillis(200),
				() -> assertThat(Languages.preferred(many, PORTAL, "fr")).isEqualTo("fr"));
	}

}
