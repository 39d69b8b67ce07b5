package ma.moncompte.notifications;

/**
 * A mail ready to send. Build it with {@link MailContent}, which writes the text and HTML bodies in the
 * recipient's language and direction.
 */
public record OutgoingMail(String to, String subject, String textBody, String htmlBody) {
}
