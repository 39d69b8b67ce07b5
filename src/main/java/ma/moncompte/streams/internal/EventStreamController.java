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
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

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
		Flux<ServerSentEvent<String>> events = cursor(accountId, resumeAfter)
			.flatMapMany(after -> {
				AtomicLong lastSent = new AtomicLong(after);
				Flux<StatusEvent> replay = resumeAfter == null ? Flux.empty() : this.eventLog.after(accountId, after);
				return replay.concatWith(live.events())
					.filter(event -> event.id() > lastSent.get())
					.doOnNext(event -> lastSent.set(event.id()));
			})
			.map(EventStreamController::toMessage);
		Flux<ServerSentEvent<String>> heartbeats = Flux.interval(this.properties.heartbeat())
			.map(tick -> ServerSentEvent.<String>builder().comment("heartbeat").build());
		ServerSentEvent<String> hello = ServerSentEvent.<String>builder().comment("connected").retry(RECONNECT_DELAY)
			.build();
		// The stream also ends when the live buffer overflows; heartbeats must end with it. Heartbeats are
		// merged with a prefetch of one: a connection that stopped taking data (a client gone without a
		// close the server saw) lets the second pending tick overflow, which ends the stream and frees it.
		return events.publish(shared -> Flux.merge(1, shared, heartbeats.takeUntilOther(shared.then())))
			.onErrorResume(Exceptions::isOverflow, overflow -> Flux.empty())
			.startWith(hello)
			.doFinally(signal -> live.close());
	}

	/**
	 * Where the replay starts. An id beyond the citizen's latest event (a stale browser after a database
	 * restore, or a forged value) would otherwise hide every future event, so it is capped.
	 */
	private Mono<Long> cursor(UUID accountId, Long resumeAfter) {
		if (resumeAfter == null) {
			return Mono.just(0L);
		}
		return this.eventLog.latestId(accountId).map(latest -> Math.min(resumeAfter, latest));
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
