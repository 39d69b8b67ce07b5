package ma.moncompte.testing;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import static org.awaitility.Awaitility.await;

/** Reads what the portal mailed, from the real SMTP server the application sent it to. */
public final class Mailbox {

	private static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_-]{20,})");

	private final GreenMail greenMail;

	public Mailbox(GreenMail greenMail) {
		this.greenMail = greenMail;
	}

	public List<MimeMessage> messagesTo(String email) {
		return Arrays.stream(this.greenMail.getReceivedMessages()).filter(m -> isFor(m, email)).toList();
	}

	/** Waits for the n-th (1-based) mail to the address and returns it. */
	public MimeMessage awaitMessage(String email, int nth) {
		await().atMost(Duration.ofSeconds(30)).until(() -> messagesTo(email).size() >= nth);
		return messagesTo(email).get(nth - 1);
	}

	public String awaitToken(String email, int nth) {
		String text = text(awaitMessage(email, nth));
		Matcher matcher = TOKEN.matcher(text);
		if (!matcher.find()) {
			throw new AssertionError("No token link in: " + text);
		}
		return matcher.group(1);
	}

	/** The decoded text/plain body. */
	public static String text(Part part) {
		try {
			if (part.isMimeType("text/plain")) {
				return (String) part.getContent();
			}
			if (part.isMimeType("multipart/*")) {
				Multipart multipart = (Multipart) part.getContent();
				for (int i = 0; i < multipart.getCount(); i++) {
					BodyPart body = multipart.getBodyPart(i);
					String text = text(body);
					if (text != null) {
						return text;
					}
				}
			}
			return null;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The decoded text/html body. */
	public static String html(Part part) {
		try {
			if (part.isMimeType("text/html")) {
				return (String) part.getContent();
			}
			if (part.isMimeType("multipart/*")) {
				Multipart multipart = (Multipart) part.getContent();
				for (int i = 0; i < multipart.getCount(); i++) {
					String html = html(multipart.getBodyPart(i));
					if (html != null) {
						return html;
					}
				}
			}
			return null;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static boolean isFor(MimeMessage message, String email) {
		try {
			Address[] recipients = message.getAllRecipients();
			return recipients != null && Arrays.stream(recipients).anyMatch(a -> a.toString().equalsIgnoreCase(email));
		}
		catch (MessagingException ex) {
			return false;
		}
	}

}
