package ma.moncompte.directory;

import java.util.Map;

/** A service citizens book appointments for, with its names in the portal's languages. */
public record ConsularService(String code, int appointmentMinutes, Map<String, String> names) {

	public static final String DEFAULT_LANGUAGE = "fr";

	public String name(String language) {
		return this.names.getOrDefault(language, this.names.get(DEFAULT_LANGUAGE));
	}

}
