package ma.moncompte.booking;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import ma.moncompte.MonCompteApplication;
import ma.moncompte.devstack.DemoData;
import ma.moncompte.devstack.DevStackConfiguration;
import ma.moncompte.testing.Citizens;
import ma.moncompte.testing.IntegrationTest;
import ma.moncompte.testing.Load;
import ma.moncompte.testing.LocalStarts;
import ma.moncompte.testing.Portal;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Slot release under load: N citizens book at concurrency C among S slots of a few seats each, over
 * real HTTP against an in-process instance on the development stack. Prints throughput, latency
 * percentiles and outcomes, and checks the database never overbooked.
 * <p>
 * Run with full JIT (not through a Maven run goal): see README, "Load drivers".
 * Arguments: requests (default 3000), concurrency (default 200), slots (default 50), seats per slot (default 10).
 */
public final class BookingLoadDriver {

	private record Sample(int status, long nanos) {
	}

	public static void main(String[] args) {
		int requests = arg(args, 0, 3000);
		int concurrency = arg(args, 1, 200);
		int slots = arg(args, 2, 50);
		int seats = arg(args, 3, 10);
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(MonCompteApplication.class,
				DevStackConfiguration.class, DemoData.class)
			.profiles("devstack")
			.run("--server.port=0", "--moncompte.booking.generate-on-startup=false", "--logging.level.root=WARN")) {
			int port = ((WebServerApplicationContext) app).getWebServer().getPort();
			Portal portal = new Portal("http://localhost:" + port);
			IntegrationTest.awaitReady(portal);
			app.getBean(DemoData.DemoSeeder.class).seeded().block();
			run(portal, app.getBean(DatabaseClient.class), requests, concurrency, slots, seats);
		}
		System.exit(0);
	}

	private static void run(Portal portal, DatabaseClient db, int requests, int concurrency, int slotCount, int seats) {
		String agent = portal.loginAgent("FR-PAR");
		List<UUID> slots = new ArrayList<>();
		for (int i = 0; i < slotCount; i++) {
			slots.add(portal.createSlot(agent, "FR-PAR", "VISA", LocalStarts.future(), 30, seats));
		}
		Citizens citizens = new Citizens(db);
		WebClient client = Load.client(portal.baseUrl(), concurrency);
		// Warm-up on other slots, so the JIT has compiled the path before measuring.
		List<UUID> warmSlots = List.of(portal.createSlot(agent, "FR-PAR", "LEGALIZATION", LocalStarts.future(), 15, 100));
		fire(client, citizens.create(500), warmSlots, concurrency).blockLast(Duration.ofMinutes(5));

		List<Citizens.Citizen> racers = citizens.create(requests);
		long started = System.nanoTime();
		List<Sample> samples = fire(client, racers, slots, concurrency).collectList().block(Duration.ofMinutes(10));
		double seconds = (System.nanoTime() - started) / 1e9;

		long[] latencies = samples.stream().mapToLong(Sample::nanos).sorted().toArray();
		Map<Integer, Long> outcomes = new TreeMap<>(
				samples.stream().collect(Collectors.groupingBy(Sample::status, Collectors.counting())));
		long booked = db.sql("SELECT COALESCE(sum(booked), 0) AS n FROM slots WHERE id = ANY(:ids)")
			.bind("ids", slots.toArray(UUID[]::new))
			.map((row, meta) -> ((Number) row.get("n")).longValue()).one().block();
		System.out.printf("%nBooking load: %d requests, concurrency %d, %d slots x %d seats%n", requests, concurrency,
				slotCount, seats);
		System.out.printf("  throughput  %.0f requests/s over %.2f s%n", requests / seconds, seconds);
		System.out.printf("  latency     p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n", pct(latencies, 50),
				pct(latencies, 90), pct(latencies, 99), latencies[latencies.length - 1] / 1e6);
		System.out.printf("  outcomes    %s (201 booked, 409 full)%n", outcomes);
		System.out.printf("  database    %d seats taken of %d (201s: %d) -> %s%n", booked, (long) slotCount * seats,
				outcomes.getOrDefault(201, 0L),
				booked == outcomes.getOrDefault(201, 0L) && booked <= (long) slotCount * seats ? "consistent" : "INCONSISTENT");
	}

	private static Flux<Sample> fire(WebClient client, List<Citizens.Citizen> citizens, List<UUID> slots,
			int concurrency) {
		return Flux.fromIterable(citizens).flatMap(citizen -> {
			UUID slot = slots.get(ThreadLocalRandom.current().nextInt(slots.size()));
			return Mono.defer(() -> {
				long start = System.nanoTime();
				return client.post()
					.uri("/api/v1/me/appointments")
					.header(HttpHeaders.AUTHORIZATION, "Bearer " + citizen.token())
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue(Map.of("slotId", slot.toString()))
					.exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value()))
					.map(status -> new Sample(status, System.nanoTime() - start));
			});
		}, concurrency);
	}

	private static double pct(long[] sorted, int percentile) {
		int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, index)] / 1e6;
	}

	private static int arg(String[] args, int index, int fallback) {
		return args.length > index ? Integer.parseInt(args[index]) : fallback;
	}

	private BookingLoadDriver() {
	}

}
