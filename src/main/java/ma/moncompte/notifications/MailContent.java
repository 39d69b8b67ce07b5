package ma.moncompte.notifications;

import java.util.ArrayList;
import java.util.List;

import org.springframework.web.util.HtmlUtils;

/**
 * Composes a plain mail: paragraphs and an optional call-to-action link, as text and as HTML. Arabic
 * mails are laid out right to left.
 */
public final class MailContent {

	private final String language;

	private final String subject;

	private final List<String> paragraphs = new ArrayList<>();

	private String linkLabel;

	private String link;

	private MailContent(String language, String subject) {
		this.language = language;
		this.subject = subject;
	}

	public static MailContent in(String language, String subject) {
		return new MailContent(language, subject);
	}

	public MailContent paragraph(String text) {
		this.paragraphs.add(text);
		return this;
	}

	public MailContent link(String label, String url) {
		this.linkLabel = label;
		this.link = url;
		return this;
	}

	public OutgoingMail to(String recipient) {
		return new OutgoingMail(recipient, this.subject, text(), html());
	}

	private String text() {
		StringBuilder sb = new StringBuilder();
		this.paragraphs.forEach(p -> sb.append(p).append("\n\n"));
		if (this.link != null) {
			sb.append(this.linkLabel).append(":\n").append(this.link).append("\n");
		}
		return sb.toString();
	}

	private String html() {
		boolean rtl = "ar".equals(this.language);
		StringBuilder sb = new StringBuilder();
		sb.append("<!DOCTYPE html><html lang=\"").append(HtmlUtils.htmlEscape(this.language)).append("\" dir=\"")
			.append(rtl ? "rtl" : "ltr").append("\"><head><meta charset=\"utf-8\"><title>")
			.append(HtmlUtils.htmlEscape(this.subject)).append("</title></head>")
			.append("<body style=\"font-family:sans-serif;text-align:").append(rtl ? "right" : "left").append("\">");
		this.paragraphs.forEach(p -> sb.append("<p>").append(HtmlUtils.htmlEscape(p)).append("</p>"));
		if (this.link != null) {
			sb.append("<p><a href=\"").append(HtmlUtils.htmlEscape(this.link)).append("\">")
				.append(HtmlUtils.htmlEscape(this.linkLabel)).append("</a></p>");
		}
		return sb.append("</body></html>").toString();
	}

}
