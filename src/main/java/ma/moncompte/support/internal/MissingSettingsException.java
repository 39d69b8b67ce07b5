package ma.moncompte.support.internal;

import java.util.List;

class MissingSettingsException extends IllegalStateException {

	private final List<String> missing;

	MissingSettingsException(List<String> missing) {
		super("Missing configuration: set " + String.join(", ", missing));
		this.missing = List.copyOf(missing);
	}

	List<String> missing() {
		return this.missing;
	}

}
