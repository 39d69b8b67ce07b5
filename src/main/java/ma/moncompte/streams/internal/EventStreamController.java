package ma.moncompte.streams.internal;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import io.swagger.v3.oas.annotations.Operation;
import ma.moncompte.accounts.CurrentUser;
import ma.moncompte.streams.StatusEvent;
import ma.moncompte.support.ApiProblem;

import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

@RestController
class EventStreamController {

	private static final Duration RECONNECT_DELAY = Duration.ofSeconds(3);

	private final LiveEventHub hub;

	private final EventLogReader eventLog;

	private final StreamsProperties properties;

	EventStreamController(LiveEventHub hub, EventLogReader eventLog, StreamsProperties properties) {
		this.hub = hub;
		this.eventLog = eventLog;
		this.properties = properties;
	}

	@Operation(summary = "Live status events of the signed-in citizen (server-sent events). "
			+ "Send Last-Event-ID (header or lastEventId parameter) to replay what was missed first.")
	@GetMapping(path = "/api/v1/me/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	Flux<ServerSentEvent<String>> events(@AuthenticationPrincipal CurrentUser user,
			@RequestHeader(name = "Last-Event-ID", required = false) String lastEventIdHeader,
			@RequestParam(name = "lastEventId", required = false) String lastEventIdParam) {
		Long resumeAfter = parseLastEventId(lastEventIdHeader != null ? lastEventIdHeader : lastEventIdParam);
		return Flux.defer(() -> stream(user.accountId(), resumeAfter));
	}

	private Flux<ServerSentEvent<String>> stream(UUID accountId, Long resumeAfter) {
		// Listen before reading the log: an event committed in between arrives on both paths and the
		// id filter drops the second copy, so nothing falls into the gap.
		LiveEventHub.LiveSubscription live = this.hub.subscribe(accountId);
		Flux<StatusEvent> replay = resumeAfter == null ? Flux.empty() : this.eventLog.after(accountId, resumeAfter);
		AtomicLong lastSent = new AtomicLong(resumeAfter == null ? 0 : resumeAfter);
		Flux<ServerSentEvent<String>> events = replay.concatWith(live.events())
			.filter(event -> event.id() > lastSent.get())
			.doOnNext(event -> lastSent.set(event.id()))
			.map(EventStreamController::toMessage);
		Flux<ServerSentEvent<String>> heartbeats = Flux.interval(this.properties.heartbeat())
			.map(tick -> ServerSentEvent.<String>builder().comment("heartbeat").build());
		ServerSentEvent<String> hello = ServerSentEvent.<String>builder().comment("connected").retry(RECONNECT_DELAY)
			.build();
		// The stream ends when the live buffer overflows; heartbeats must end with it.
		return events.publish(shared -> Flux.merge(shared, heartbeats.takeUntilOther(shared.then())))
			.startWith(hello)
			.doFinally(signal -> live.close());
	}

	private static ServerSentEvent<String> toMessage(StatusEvent event) {
		return ServerSentEvent.builder(event.payload()).id(Long.toString(event.id())).event(event.type()).build();
	}

	private static Long parseLastEventId(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			long id = Long.parseLong(value.trim());
			if (id < 0) {
				throw new NumberFormatException();
			}
			return id;
		}
		catch (NumberFormatException ex) {
			throw ApiProblem.badRequest("invalid-last-event-id", "Invalid Last-Event-ID",
					"Last-Event-ID must be an event id received from this stream.");
		}
	}

}
