package ma.moncompte.support.internal;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns missing settings into Boot's short start-up report instead of a stack trace. */
class MissingSettingsFailureAnalyzer extends AbstractFailureAnalyzer<MissingSettingsException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MissingSettingsException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Set the environment variables above (see the configuration table in README.md), "
						+ "or run the development stack with ./mvnw spring-boot:test-run.",
				null);
	}

}
