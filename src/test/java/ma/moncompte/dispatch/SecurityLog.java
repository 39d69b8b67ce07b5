package ma.moncompte.dispatch;

import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/** Captures the entries written to the security log while open. */
final class SecurityLog implements AutoCloseable {

	private final Logger logger = (Logger) LoggerFactory.getLogger("moncompte.security");

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	SecurityLog() {
		this.appender.start();
		this.logger.addAppender(this.appender);
	}

	List<String> entries() {
		return this.appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
	}

	/** The entries that mention this webhook id. */
	List<String> about(String webhookId) {
		return entries().stream().filter(entry -> entry.contains("webhookId=" + webhookId)).toList();
	}

	@Override
	public void close() {
		this.logger.detachAppender(this.appender);
		this.appender.stop();
	}

}
