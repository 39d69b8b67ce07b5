package ma.moncompte.accounts.internal;

import java.util.List;

/** The languages the portal writes in: mails, hints and problem texts. */
final class Languages {

	static final List<String> SUPPORTED = List.of("ar", "fr", "en", "es");

	static final String PATTERN = "ar|fr|en|es";

	static final String MESSAGE = "must be one of ar, fr, en, es";

	private Languages() {
	}

}
