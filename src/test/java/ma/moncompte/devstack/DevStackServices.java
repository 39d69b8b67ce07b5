package ma.moncompte.devstack;

import java.util.concurrent.CountDownLatch;

/**
 * Starts only the development stack's services and prints the environment a production-style
 * {@code java -jar} needs to use them; for trying the packaged jar locally. Stops with Ctrl-C.
 */
public final class DevStackServices {

	private DevStackServices() {
	}

	public static void main(String[] args) throws InterruptedException {
		DevStack stack = DevStack.shared(0, 0);
		DevStack.Database db = stack.database();
		System.out.printf("""

				export DATABASE_HOST=%s DATABASE_PORT=%d DATABASE_NAME=%s DATABASE_USERNAME=%s DATABASE_PASSWORD=%s
				export KAFKA_BOOTSTRAP_SERVERS=%s
				export SMTP_HOST=127.0.0.1 SMTP_PORT=%d SMTP_STARTTLS=false
				export PUBLIC_BASE_URL=http://localhost:8080   # mail: IMAP on port %d
				%n""", db.host(), db.port(), db.name(), db.username(), db.password(), stack.broker().bootstrapServers(),
				stack.mail().getSmtp().getPort(), stack.mail().getImap().getPort());
		new CountDownLatch(1).await();
	}

}
