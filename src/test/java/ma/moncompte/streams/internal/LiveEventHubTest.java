package ma.moncompte.streams.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import ma.moncompte.streams.StatusEvent;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class LiveEventHubTest {

	private static StreamsProperties properties(int buffer) {
		return new StreamsProperties("t", 1, Duration.ofMillis(200), 10, Duration.ofSeconds(15), buffer, "test");
	}

	private static StatusEvent event(UUID account, long id) {
		return new StatusEvent(id, account, "appointment.booked", Instant.now(), "{}");
	}

	@Test
	void concurrentEmittersLoseNothing() throws Exception {
		LiveEventHub hub = new LiveEventHub(properties(100_000), new SimpleMeterRegistry());
		UUID account = UUID.randomUUID();
		LiveEventHub.LiveSubscription subscription = hub.subscribe(account);
		int threads = 8;
		int perThread = 2_000;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		CountDownLatch start = new CountDownLatch(1);
		for (int t = 0; t < threads; t++) {
			int offset = t * perThread;
			pool.submit(() -> {
				start.await();
				IntStream.range(0, perThread).forEach(i -> hub.dispatch(event(account, offset + i + 1)));
				return null;
			});
		}
		start.countDown();
		pool.shutdown();
		List<StatusEvent> received = subscription.events().take(threads * perThread).collectList()
			.block(Duration.ofSeconds(30));
		assertThat(received).hasSize(threads * perThread);
		assertThat(received.stream().map(StatusEvent::id).distinct()).hasSize(threads * perThread);
	}

	@Test
	void aSlowClientIsDisconnectedInsteadOfHoldingOthersBack() {
		LiveEventHub hub = new LiveEventHub(properties(4), new SimpleMeterRegistry());
		UUID account = UUID.randomUUID();
		LiveEventHub.LiveSubscription slow = hub.subscribe(account);
		LiveEventHub.LiveSubscription other = hub.subscribe(UUID.randomUUID());
		for (int i = 1; i <= 10; i++) {
			hub.dispatch(event(account, i));
		}
		// The four buffered events, then the end of the stream: the browser reconnects with Last-Event-ID.
		StepVerifier.create(slow.events().map(StatusEvent::id)).expectNext(1L, 2L, 3L, 4L).verifyComplete();
		assertThat(hub.openStreams()).isEqualTo(1);
		other.close();
		assertThat(hub.openStreams()).isZero();
	}

	@Test
	void eventsGoOnlyToTheirCitizensStreams() {
		LiveEventHub hub = new LiveEventHub(properties(16), new SimpleMeterRegistry());
		UUID mine = UUID.randomUUID();
		LiveEventHub.LiveSubscription first = hub.subscribe(mine);
		LiveEventHub.LiveSubscription second = hub.subscribe(mine);
		hub.dispatch(event(UUID.randomUUID(), 1));
		hub.dispatch(event(mine, 2));
		StepVerifier.create(first.events().map(StatusEvent::id)).expectNext(2L).thenCancel().verify();
		StepVerifier.create(second.events().map(StatusEvent::id)).expectNext(2L).thenCancel().verify();
	}

}
