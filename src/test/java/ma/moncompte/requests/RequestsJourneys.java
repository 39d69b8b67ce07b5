package ma.moncompte.requests;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/** Small readers shared by the request tests. */
final class RequestsJourneys {

	private RequestsJourneys() {
	}

	static String subject(MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
