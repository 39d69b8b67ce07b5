package ma.moncompte.devstack;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/** GreenMail: real SMTP and IMAP on localhost, authentication off, so any IMAP client can read any inbox. */
final class MailServer {

	private MailServer() {
	}

	static GreenMail start(int smtpPort, int imapPort) {
		ServerSetup smtp = new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
		ServerSetup imap = new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP);
		GreenMail greenMail = new GreenMail(new ServerSetup[] { smtpPort == 0 ? smtp.dynamicPort() : smtp,
				imapPort == 0 ? imap.dynamicPort() : imap });
		greenMail.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
		greenMail.start();
		Runtime.getRuntime().addShutdownHook(new Thread(greenMail::stop, "greenmail-stop"));
		return greenMail;
	}

}
