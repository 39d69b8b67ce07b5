package ma.moncompte.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import io.netty.channel.ChannelOption;
import ma.moncompte.MonCompteApplication;
import ma.moncompte.devstack.DemoData;
import ma.moncompte.devstack.DevStackConfiguration;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Posts N signed courier webhooks at concurrency C and prints throughput and latency percentiles.
 * <p>
 * {@code WebhookLoadDriver N C [baseUrl]}. Without a URL it starts the application itself on a free
 * port with the embedded development stack; with one it drives that server, which must know the demo
 * staff (a development stack) or be given other staff with {@code -Dadmin.email=... -Dadmin.password=...
 * -Dagent.email=... -Dagent.password=...}. Optional: {@code -Dshipments=20} spreads the load over that
 * many shipments of FR-PAR, each for its own citizen (fewer means more contention on each shipment's
 * row and citizen's event stream). It registers its own
 * courier and citizen, signs every webhook with the official Standard Webhooks library, and checks at
 * the end, through the agent API, that every webhook was recorded exactly once.
 */
public final class WebhookLoadDriver {

	private static final String CONSULATE = "FR-PAR";

	private static final List<String> JOURNEY = List.of("PICKED_UP", "IN_TRANSIT", "IN_TRANSIT", "OUT_FOR_DELIVERY",
			"DELIVERY_ATTEMPT_FAILED", "OUT_FOR_DELIVERY", "DELIVERED");

	private final JsonMapper json = JsonMapper.builder().build();

	private final WebClient http;

	private WebhookLoadDriver(String baseUrl, int concurrency) {
		ConnectionProvider connections = ConnectionProvider.builder("webhook-load")
			.maxConnections(concurrency)
			.pendingAcquireMaxCount(-1)
			.pendingAcquireTimeout(Duration.ofMinutes(2))
			.build();
		HttpClient client = HttpClient.create(connections)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
			.responseTimeout(Duration.ofSeconds(60));
		this.http = WebClient.builder().baseUrl(baseUrl).clientConnector(new ReactorClientHttpConnector(client)).build();
	}

	public static void main(String[] args) {
		if (args.length < 2) {
			System.err.println("usage: WebhookLoadDriver N C [baseUrl]");
			System.exit(2);
		}
		int total = Integer.parseInt(args[0]);
		int concurrency = Integer.parseInt(args[1]);
		int shipments = Integer.getInteger("shipments", 20);
		ConfigurableApplicationContext started = null;
		String baseUrl;
		if (args.length > 2) {
			baseUrl = args[2];
		}
		else {
			System.out.println("Starting the application with the embedded development stack...");
			started = SpringApplication.from(MonCompteApplication::main)
				.with(DevStackConfiguration.class, DemoData.class)
				.withAdditionalProfiles("devstack")
				.run("--server.port=0", "--logging.level.root=WARN", "--logging.level.ma.moncompte=WARN")
				.getApplicationContext();
			started.getBean(DemoData.DemoSeeder.class).seeded().block(Duration.ofSeconds(120));
			baseUrl = "http://localhost:" + started.getEnvironment().getProperty("local.server.port");
		}
		int exit = 0;
		try {
			exit = new WebhookLoadDriver(baseUrl, concurrency).run(baseUrl, total, concurrency, shipments) ? 0 : 1;
		}
		finally {
			if (started != null) {
				started.close();
			}
		}
		System.exit(exit);
	}

	private boolean run(String baseUrl, int total, int concurrency, int shipmentCount) {
		awaitReady();
		String admin = login(System.getProperty("admin.email", DemoData.ADMIN),
				System.getProperty("admin.password", DemoData.PASSWORD));
		String agent = login(System.getProperty("agent.email", DemoData.agentOf(CONSULATE)),
				System.getProperty("agent.password", DemoData.PASSWORD));
		CourierSigner courier = registerCourier(admin);
		List<String> tracking = new ArrayList<>();
		List<String> references = new ArrayList<>();
		// One citizen per shipment, as in real life: each citizen's event stream is ordered (and so
		// serialized), which would otherwise be what this measures.
		for (int i = 0; i < shipmentCount; i++) {
			String number = "LOAD" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
			tracking.add(number);
			references.add(createShipment(agent, registerCitizen(), courier.code(), number));
		}
		System.out.printf("Target %s, courier %s, %d shipments of %s for as many citizens%n", baseUrl, courier.code(),
				shipmentCount, CONSULATE);

		int warmUp = Math.min(500, Math.max(total / 10, concurrency));
		Instant base = Instant.now().minus(Duration.ofDays(1));
		Result warm = blast(courier, tracking, base, 0, warmUp, concurrency);
		System.out.printf("Warm-up: %d webhooks (%s)%n", warmUp, warm.statuses());
		Result measured = blast(courier, tracking, base, warmUp, total, concurrency);

		long[] sorted = measured.latenciesNanos().clone();
		Arrays.sort(sorted);
		double seconds = measured.elapsedNanos() / 1e9;
		System.out.println();
		System.out.printf("Webhooks:    %d at concurrency %d, over %d shipments%n", total, concurrency, shipmentCount);
		System.out.printf("Elapsed:     %.2f s%n", seconds);
		System.out.printf("Throughput:  %.0f webhooks/s%n", total / seconds);
		System.out.printf("Latency:     p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n", percentile(sorted, 50),
				percentile(sorted, 90), percentile(sorted, 99), sorted[sorted.length - 1] / 1e6);
		System.out.printf("Responses:   %s%n", measured.statuses());

		long recorded = 0;
		for (String reference : references) {
			recorded += courierCheckpoints(agent, reference);
		}
		boolean exact = recorded == warmUp + (long) total && measured.statuses().equals(Map.of("200 applied", (long) total));
		System.out.printf("Recorded:    %d courier checkpoints for %d webhooks sent -> %s%n", recorded, warmUp + total,
				exact ? "each exactly once" : "MISMATCH");
		return exact;
	}

	private record Result(long elapsedNanos, long[] latenciesNanos, Map<String, Long> statuses) {
	}

	/** Sends webhooks number {@code from} to {@code from + count - 1}, at most {@code concurrency} at a time. */
	private Result blast(CourierSigner courier, List<String> tracking, Instant base, int from, int count,
			int concurrency) {
		AtomicLongArray latencies = new AtomicLongArray(count);
		Map<String, AtomicLong> statuses = new ConcurrentHashMap<>();
		long start = System.nanoTime();
		Flux.range(0, count)
			.flatMap(i -> {
				int n = from + i;
				int shipment = n % tracking.size();
				int step = n / tracking.size();
				String status = JOURNEY.get(step % JOURNEY.size());
				// Each shipment's updates carry increasing times, 10 ms apart.
				Instant occurredAt = base.plusMillis(10L * n);
				String body = "{\"trackingNumber\":\"" + tracking.get(shipment) + "\",\"status\":\"" + status
						+ "\",\"occurredAt\":\"" + occurredAt + "\",\"location\":\"Hub " + (step % 7) + "\"}";
				return Mono.defer(() -> {
					CourierSigner.Delivery delivery = courier.sign(body);
					long sent = System.nanoTime();
					return this.http.post()
						.uri("/api/v1/webhooks/couriers/{code}", courier.code())
						.contentType(MediaType.APPLICATION_JSON)
						.header("webhook-id", delivery.id())
						.header("webhook-timestamp", delivery.timestamp())
						.header("webhook-signature", delivery.signature())
						.bodyValue(delivery.body())
						.exchangeToMono(response -> response.bodyToMono(String.class)
							.defaultIfEmpty("")
							.map(answer -> response.statusCode().value() + " " + outcome(answer)))
						.onErrorResume(ex -> Mono.just("error " + ex.getClass().getSimpleName()))
						.doOnNext(label -> {
							latencies.set(i, System.nanoTime() - sent);
							statuses.computeIfAbsent(label, k -> new AtomicLong()).incrementAndGet();
						});
				});
			}, concurrency)
			.then()
			.block(Duration.ofMinutes(30));
		long elapsed = System.nanoTime() - start;
		long[] values = new long[count];
		for (int i = 0; i < count; i++) {
			values[i] = latencies.get(i);
		}
		Map<String, Long> counts = new java.util.TreeMap<>();
		statuses.forEach((label, n) -> counts.put(label, n.get()));
		return new Result(elapsed, values, counts);
	}

	private String outcome(String answer) {
		try {
			JsonNode node = this.json.readTree(answer);
			return node.has("outcome") ? node.get("outcome").asString() : node.path("type").asString("?");
		}
		catch (RuntimeException ex) {
			return "?";
		}
	}

	private static double percentile(long[] sorted, double p) {
		int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
	}

	private void awaitReady() {
		for (int attempt = 0; attempt < 120; attempt++) {
			Integer status = this.http.get().uri("/actuator/health/readiness")
				.exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value()))
				.onErrorResume(ex -> Mono.just(0))
				.block(Duration.ofSeconds(5));
			if (status != null && status == 200) {
				return;
			}
			Mono.delay(Duration.ofMillis(500)).block();
		}
		throw new IllegalStateException("The server did not become ready");
	}

	private String login(String email, String password) {
		return post(null, "/api/v1/sessions", Map.of("email", email, "password", password)).get("token").asString();
	}

	private CourierSigner registerCourier(String admin) {
		String code = "LOAD-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
		JsonNode created = post(admin, "/api/v1/admin/couriers", Map.of("code", code, "name", "Load test courier"));
		return new CourierSigner(created.get("code").asString(), created.get("secret").asString());
	}

	/** A citizen signed up through the API; shipments may be addressed to it before it confirms its address. */
	private String registerCitizen() {
		String email = "load-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
		post(null, "/api/v1/accounts", Map.of("email", email, "password", "a long load test passphrase " + UUID.randomUUID(),
				"firstName", "Load", "lastName", "Test", "preferredLanguage", "fr"));
		return email;
	}

	private String createShipment(String agent, String email, String courier, String tracking) {
		return post(agent, "/api/v1/agent/consulates/" + CONSULATE + "/shipments", Map.of("citizenEmail", email,
				"courier", courier, "trackingNumber", tracking, "description", "Load test parcel")).get("reference")
			.asString();
	}

	private long courierCheckpoints(String agent, String reference) {
		JsonNode shipment = this.json.readTree(this.http.get()
			.uri("/api/v1/agent/consulates/{c}/shipments/{r}", CONSULATE, reference)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + agent)
			.retrieve()
			.bodyToMono(String.class)
			.block(Duration.ofSeconds(30)));
		long count = 0;
		for (JsonNode checkpoint : shipment.get("timeline")) {
			if ("COURIER".equals(checkpoint.get("source").asString())) {
				count++;
			}
		}
		return count;
	}

	private JsonNode post(String token, String uri, Object body) {
		return this.json.readTree(this.http.post()
			.uri(uri)
			.headers(headers -> {
				if (token != null) {
					headers.setBearerAuth(token);
				}
			})
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.retrieve()
			.bodyToMono(String.class)
			.block(Duration.ofSeconds(30)));
	}

}
