package ma.moncompte.requests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import ma.moncompte.testing.Citizens.Citizen;
import ma.moncompte.testing.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An upload four times larger than the server's whole heap. The application runs in its own JVM with
 * {@code -Xmx64m} (and 32 MB of direct memory for Netty) against the shared dev stack; a 256 MB document
 * streams through it to the store. Were the upload held in memory anywhere, that JVM would fail with
 * OutOfMemoryError. Its heap use is sampled during the upload from its Prometheus endpoint, Netty's
 * leak detector runs (advanced level), and the stored file is checked against the SHA-256 the client
 * computed while sending.
 */
class HeapBoundedUploadTest extends IntegrationTest {

	private static final Logger log = LoggerFactory.getLogger(HeapBoundedUploadTest.class);

	private static final int HEAP_MB = 64;

	private static final long UPLOAD_BYTES = 256L * 1024 * 1024;

	private static final Pattern LIVE_DATA = Pattern.compile("^jvm_gc_live_data_size_bytes(?:\\{[^}]*\\})? (\\S+)$",
			Pattern.MULTILINE);

	private static final Pattern HEAP_USED = Pattern.compile("^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*\\} (\\S+)$",
			Pattern.MULTILINE);

	private Process server;

	private Path workDirectory;

	@AfterEach
	void stopServer() throws Exception {
		if (this.server != null) {
			this.server.destroy();
			if (!this.server.waitFor(20, TimeUnit.SECONDS)) {
				this.server.destroyForcibly();
			}
		}
		if (this.workDirectory != null) {
			Path output = this.workDirectory.resolve("server.log");
			if (Files.exists(output)) {
				// Kept for reading after the run.
				Files.copy(output, Path.of("target", "heap-bounded-upload-server.log"),
						StandardCopyOption.REPLACE_EXISTING);
			}
			try (Stream<Path> files = Files.walk(this.workDirectory)) {
				files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
			}
		}
	}

	@Test
	void aDocumentLargerThanTheHeapStreamsToTheStore() throws Exception {
		this.workDirectory = Files.createTempDirectory("heap-bounded-upload");
		Path storage = this.workDirectory.resolve("documents");
		Path portFile = this.workDirectory.resolve("port");
		Path output = this.workDirectory.resolve("server.log");
		this.server = start(storage, portFile, output);

		await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(500)).until(() -> {
			assertThat(this.server.isAlive()).as("the small-heap server stays up; see %s", output).isTrue();
			return Files.exists(portFile) && !Files.readString(portFile).isBlank();
		});
		String base = "http://localhost:" + Files.readString(portFile).trim();
		WebClient http = WebClient.builder().baseUrl(base).codecs(c -> c.defaultCodecs().maxInMemorySize(1024 * 1024)).build();
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
			.ignoreExceptions()
			.until(() -> http.get().uri("/api/v1/request-types").retrieve().toBodilessEntity()
				.block(Duration.ofSeconds(5)).getStatusCode().is2xxSuccessful());

		Citizen citizen = this.citizens.create();
		JsonMapper json = JsonMapper.builder().build();
		String created = http.post().uri("/api/v1/me/requests")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + citizen.token())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("type", "PASSPORT_RENEWAL", "consulate", "FR-PAR", "fields", Map.of()))
			.retrieve().bodyToMono(String.class).block(Duration.ofSeconds(30));
		String requestId = json.readTree(created).get("id").asString();

		MessageDigest digest = MessageDigest.getInstance("SHA-256");
		AtomicLong sent = new AtomicLong();
		int chunk = 256 * 1024;
		Flux<DataBuffer> content = Flux.range(0, (int) (UPLOAD_BYTES / chunk)).map(i -> {
			byte[] bytes = new byte[chunk];
			Arrays.fill(bytes, (byte) ('a' + i % 26));
			if (i == 0) {
				byte[] header = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
				System.arraycopy(header, 0, bytes, 0, header.length);
			}
			digest.update(bytes);
			sent.addAndGet(bytes.length);
			return DefaultDataBufferFactory.sharedInstance.wrap(bytes);
		});
		MultipartBodyBuilder parts = new MultipartBodyBuilder();
		parts.part("kind", "OLD_PASSPORT");
		parts.asyncPart("file", content, DataBuffer.class).filename("huge.pdf").contentType(MediaType.APPLICATION_PDF);

		String before = http.get().uri("/actuator/prometheus").retrieve().bodyToMono(String.class).block(Duration.ofSeconds(30));
		log.info("Before the upload: heap in use {} MB, live data after the last full GC {} MB",
				String.format("%.1f", heapUsed(before) / (1024 * 1024)),
				String.format("%.1f", gauge(LIVE_DATA, before) / (1024 * 1024)));
		List<Double> heapSamples = new CopyOnWriteArrayList<>();
		List<Double> liveSamples = new CopyOnWriteArrayList<>();
		// A separate client on its own thread, so sampling never waits behind the upload.
		HttpClient sampling = HttpClient.newHttpClient();
		ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
		sampler.scheduleWithFixedDelay(() -> {
			try {
				String metrics = sampling.send(HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus")).build(),
						HttpResponse.BodyHandlers.ofString()).body();
				heapSamples.add(heapUsed(metrics));
				liveSamples.add(gauge(LIVE_DATA, metrics));
			}
			catch (IOException | InterruptedException ex) {
				log.warn("Heap sample failed: {}", ex.toString());
			}
		}, 0, 100, TimeUnit.MILLISECONDS);
		long started = System.nanoTime();
		String answer;
		try {
			answer = http.post().uri("/api/v1/me/requests/{id}/documents", requestId)
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + citizen.token())
				.contentType(MediaType.MULTIPART_FORM_DATA)
				.body(BodyInserters.fromMultipartData(parts.build()))
				.retrieve().bodyToMono(String.class)
				.block(Duration.ofMinutes(3));
		}
		finally {
			sampler.shutdownNow();
		}
		double seconds = (System.nanoTime() - started) / 1e9;

		JsonNode document = json.readTree(answer);
		String expectedSha = HexFormat.of().formatHex(digest.digest());
		assertThat(sent.get()).isEqualTo(UPLOAD_BYTES);
		assertThat(document.get("sizeBytes").asLong()).isEqualTo(UPLOAD_BYTES);
		assertThat(document.get("sha256").asString()).isEqualTo(expectedSha);
		assertThat(document.get("contentType").asString()).isEqualTo("application/pdf");
		Path stored = storage.resolve("sha256").resolve(expectedSha.substring(0, 2)).resolve(expectedSha.substring(2, 4))
			.resolve(expectedSha);
		assertThat(Files.size(stored)).isEqualTo(UPLOAD_BYTES);

		assertThat(this.server.isAlive()).isTrue();
		String serverLog = Files.readString(output);
		assertThat(serverLog).doesNotContain("OutOfMemoryError").doesNotContain("LEAK:");
		double peakMb = heapSamples.stream().mapToDouble(Double::doubleValue).max().orElse(0) / (1024 * 1024);
		assertThat(heapSamples).as("heap samples taken during the upload").isNotEmpty();
		assertThat(peakMb).isLessThanOrEqualTo(HEAP_MB);
		double liveMb = liveSamples.stream().mapToDouble(Double::doubleValue).max().orElse(0) / (1024 * 1024);
		log.info("Streamed {} MB through a server with -Xmx{}m in {} s ({} MB/s); over {} samples, peak heap in use {} MB "
				+ "(garbage included), peak live data after a full GC {} MB", UPLOAD_BYTES / (1024 * 1024), HEAP_MB,
				String.format("%.1f", seconds), String.format("%.0f", UPLOAD_BYTES / (1024 * 1024) / seconds),
				heapSamples.size(), String.format("%.1f", peakMb), String.format("%.1f", liveMb));
	}

	private Process start(Path storage, Path portFile, Path output) throws IOException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new ArrayList<>(List.of(java, "-Xmx" + HEAP_MB + "m", "-Xss512k",
				"-XX:MaxDirectMemorySize=32m", "-XX:+UseSerialGC",
				"-Dio.netty.leakDetection.level=advanced", "-Dupload-server.port-file=" + portFile, "-cp",
				System.getProperty("java.class.path"), UploadServerMain.class.getName(), "--server.port=0",
				"--moncompte.requests.max-file-size=" + (UPLOAD_BYTES + 1024 * 1024) + "B",
				"--moncompte.requests.storage-directory=" + storage, "--moncompte.booking.generate-on-startup=false",
				"--spring.r2dbc.pool.initial-size=1", "--spring.r2dbc.pool.max-size=5",
				"--logging.level.root=WARN", "--spring.main.banner-mode=off",
				// Starts in about half the time; what the upload uses is initialised by the first requests.
				"--spring.main.lazy-initialization=true"));
		stack().properties().forEach((name, value) -> command.add("--" + name + "=" + value));
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
	}

	private static double gauge(Pattern pattern, String metrics) {
		Matcher matcher = pattern.matcher(metrics);
		return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
	}

	private static double heapUsed(String metrics) {
		Matcher matcher = HEAP_USED.matcher(metrics);
		double total = 0;
		while (matcher.find()) {
			total += Double.parseDouble(matcher.group(1));
		}
		return total;
	}

}
