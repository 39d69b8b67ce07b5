package ma.moncompte.testing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;

import static org.awaitility.Awaitility.await;

/** A live SSE connection that keeps what it receives, as a browser's EventSource would. */
public final class SseRecorder implements AutoCloseable {

	private static final ParameterizedTypeReference<ServerSentEvent<String>> SSE = new ParameterizedTypeReference<>() {
	};

	private final List<ServerSentEvent<String>> events = new CopyOnWriteArrayList<>();

	private final AtomicBoolean connected = new AtomicBoolean();

	private final Disposable subscription;

	private SseRecorder(WebClient client, String uri, String token, String lastEventId) {
		this.subscription = client.get()
			.uri(uri)
			.headers(headers -> {
				headers.set(HttpHeaders.AUTHORIZATION, "Bearer " + token);
				if (lastEventId != null) {
					headers.set("Last-Event-ID", lastEventId);
				}
			})
			.accept(MediaType.TEXT_EVENT_STREAM)
			.retrieve()
			.bodyToFlux(SSE)
			.subscribe(event -> {
				if (event.event() == null) {
					// The stream opens with a comment once the server is listening for this citizen.
					this.connected.set(true);
				}
				else {
					this.events.add(event);
				}
			});
		await().atMost(Duration.ofSeconds(20)).untilTrue(this.connected);
	}

	public static SseRecorder open(Portal portal, String token) {
		return new SseRecorder(portal.webClient(), "/api/v1/me/events", token, null);
	}

	public static SseRecorder resume(Portal portal, String token, String lastEventId) {
		return new SseRecorder(portal.webClient(), "/api/v1/me/events", token, lastEventId);
	}

	/** As EventSource users do when they reconnect by hand: {@code ?lastEventId=}. */
	public static SseRecorder resumeByQuery(Portal portal, String token, String lastEventId) {
		return new SseRecorder(portal.webClient(), "/api/v1/me/events?lastEventId=" + lastEventId, token, null);
	}

	public List<ServerSentEvent<String>> events() {
		return List.copyOf(this.events);
	}

	public List<String> types() {
		return this.events.stream().map(ServerSentEvent::event).toList();
	}

	public ServerSentEvent<String> awaitEvent(String type, Duration timeout) {
		return await().atMost(timeout)
			.until(() -> this.events.stream().filter(e -> type.equals(e.event())).reduce((a, b) -> b).orElse(null),
					e -> e != null);
	}

	public void awaitCount(int count, Duration timeout) {
		await().atMost(timeout).until(() -> this.events.size() >= count);
	}

	@Override
	public void close() {
		this.subscription.dispose();
	}

}
