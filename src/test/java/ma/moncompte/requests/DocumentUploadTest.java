package ma.moncompte.requests;

import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import ma.moncompte.testing.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.web.reactive.function.BodyInserters;
import reactor.core.publisher.Flux;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Supporting documents: what is accepted, what is refused, and how they are stored. */
class DocumentUploadTest extends IntegrationTest {

	@Value("${moncompte.requests.storage-directory}")
	private Path storage;

	private RequestsApi api;

	private String token;

	private UUID request;

	@BeforeEach
	void draft() {
		this.api = new RequestsApi(this.portal);
		this.token = this.citizens.create().token();
		this.request = this.api.createDraft(this.token, "PASSPORT_RENEWAL", "FR-PAR", RequestsApi.PASSPORT_RENEWAL_FIELDS);
	}

	@Test
	void anExecutableNamedLikeAPhotoIsRefusedByItsContent() {
		this.api.upload(this.token, this.request, "PHOTO", "photo.jpg", "image/jpeg", TestFiles.exe(40_000))
			.expectStatus().isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.type").isEqualTo("https://moncompte.example/problems/unsupported-document-format");
		assertThat(documents()).isEmpty();
		assertThat(stagingFiles()).isEmpty();
	}

	@Test
	void aSixMegabyteFileIsTooLarge() {
		this.api.upload(this.token, this.request, "OLD_PASSPORT", "passport.pdf", "application/pdf",
				TestFiles.pdfOfSize(6 * 1024 * 1024))
			.expectStatus().isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
			.expectBody()
			.jsonPath("$.type").isEqualTo("https://moncompte.example/problems/document-too-large")
			.jsonPath("$.maxBytes").isEqualTo(5 * 1024 * 1024);
		assertThat(documents()).isEmpty();
		assertThat(stagingFiles()).isEmpty();
	}

	/**
	 * Without a Content-Length (chunked), the limit is enforced on the bytes as they stream in: 413, and
	 * nothing kept. (The server stops processing at the limit; Reactor Netty then discards the rest of
	 * the body on the wire to keep the connection usable, so the client may still send all of it.)
	 */
	@Test
	void anOversizedStreamIsCutOffWhileStreaming() {
		int chunk = 64 * 1024;
		int chunks = 800;
		AtomicLong sent = new AtomicLong();
		Flux<DataBuffer> body = Flux.range(0, chunks).map(i -> {
			byte[] bytes = new byte[chunk];
			if (i == 0) {
				System.arraycopy("%PDF-1.7".getBytes(), 0, bytes, 0, 8);
			}
			sent.addAndGet(chunk);
			return DefaultDataBufferFactory.sharedInstance.wrap(bytes);
		});
		MultipartBodyBuilder parts = new MultipartBodyBuilder();
		parts.part("kind", "OLD_PASSPORT");
		parts.asyncPart("file", body, DataBuffer.class).filename("huge.pdf").contentType(MediaType.APPLICATION_PDF);
		this.api.http().post().uri("/api/v1/me/requests/{id}/documents", this.request)
			.header("Authorization", "Bearer " + this.token)
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(BodyInserters.fromMultipartData(parts.build()))
			.exchange()
			.expectStatus().isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
		assertThat(sent.get()).isGreaterThan(5L * 1024 * 1024);
		assertThat(documents()).isEmpty();
		await().atMost(Duration.ofSeconds(10)).until(() -> stagingFiles().isEmpty());
	}

	@Test
	void aFileOfExactlyTheLimitIsAccepted() {
		JsonNode stored = this.api.read(this.api.upload(this.token, this.request, "OLD_PASSPORT", "passport.pdf",
				"application/pdf", TestFiles.pdfOfSize(5 * 1024 * 1024)).expectStatus().isCreated());
		assertThat(stored.get("sizeBytes").asLong()).isEqualTo(5L * 1024 * 1024);
	}

	@Test
	void theDeclaredTypeAndNameDoNotDecideTheFormat() throws Exception {
		// A real JPEG sent as "scan.pdf" with a PDF content type is stored and served as a JPEG.
		byte[] jpeg = TestFiles.jpeg(700, 900);
		JsonNode stored = this.api.read(this.api.upload(this.token, this.request, "PHOTO", "scan.pdf", "application/pdf", jpeg)
			.expectStatus().isCreated());
		assertThat(stored.get("contentType").asString()).isEqualTo("image/jpeg");
		assertThat(stored.get("width").asInt()).isEqualTo(700);
		assertThat(stored.get("height").asInt()).isEqualTo(900);
		// A PDF is a valid old passport, but not a photo.
		this.api.upload(this.token, this.request, "PHOTO", "photo.png", "image/png", TestFiles.pdf("not a photo"))
			.expectStatus().isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
			.expectBody().jsonPath("$.accepted[0]").isEqualTo("image/jpeg").jsonPath("$.accepted[1]").isEqualTo("image/png");
	}

	@Test
	void photosBelowTheMinimumPixelSizeAreRefused() {
		this.api.upload(this.token, this.request, "PHOTO", "small.png", "image/png", TestFiles.png(300, 400))
			.expectStatus().isEqualTo(422)
			.expectBody()
			.jsonPath("$.type").isEqualTo("https://moncompte.example/problems/image-too-small")
			.jsonPath("$.width").isEqualTo(300)
			.jsonPath("$.height").isEqualTo(400)
			.jsonPath("$.minWidth").isEqualTo(413)
			.jsonPath("$.minHeight").isEqualTo(531);
		this.api.upload(this.token, this.request, "PHOTO", "small.jpg", "image/jpeg", TestFiles.jpeg(413, 530))
			.expectStatus().isEqualTo(422);
		this.api.upload(this.token, this.request, "PHOTO", "exact.jpg", "image/jpeg", TestFiles.jpeg(413, 531))
			.expectStatus().isCreated();
	}

	@Test
	void storageIsContentAddressedWithItsSha256() throws Exception {
		byte[] pdf = TestFiles.pdf("same bytes " + UUID.randomUUID());
		String sha = PassportRenewalJourneyTest.sha256(pdf);
		JsonNode first = this.api.read(this.api.upload(this.token, this.request, "OLD_PASSPORT", "a.pdf", "application/pdf", pdf)
			.expectStatus().isCreated());
		UUID other = this.api.createDraft(this.token, "PASSPORT_RENEWAL", "FR-PAR", Map.of());
		JsonNode second = this.api.read(this.api.upload(this.token, other, "OLD_PASSPORT", "b.pdf", "application/pdf", pdf)
			.expectStatus().isCreated());
		assertThat(first.get("sha256").asString()).isEqualTo(sha);
		assertThat(second.get("sha256").asString()).isEqualTo(sha);
		Path object = this.storage.resolve("sha256").resolve(sha.substring(0, 2)).resolve(sha.substring(2, 4)).resolve(sha);
		assertThat(object).exists();
		assertThat(Files.readAllBytes(object)).isEqualTo(pdf);
		assertThat(this.db.sql("SELECT count(DISTINCT storage_key) AS n FROM request_documents WHERE sha256 = :sha")
			.bind("sha", sha).map((row, meta) -> row.get("n", Long.class)).one().block()).isEqualTo(1);
	}

	@Test
	void malformedUploadsAreClientErrors() {
		// Not multipart.
		this.api.http().post().uri("/api/v1/me/requests/{id}/documents", this.request)
			.header("Authorization", "Bearer " + this.token)
			.contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
			.expectStatus().is4xxClientError();
		// A kind the type does not take.
		this.api.upload(this.token, this.request, "FOREIGN_PASSPORT", "p.pdf", "application/pdf", TestFiles.pdf("x"))
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.type").isEqualTo("https://moncompte.example/problems/unknown-document-kind");
		// More parts than kind and file.
		MultipartBodyBuilder three = new MultipartBodyBuilder();
		three.part("kind", "OLD_PASSPORT");
		three.part("file", new org.springframework.core.io.ByteArrayResource(TestFiles.pdf("a")) {
			@Override
			public String getFilename() {
				return "a.pdf";
			}
		});
		three.part("comment", "and another");
		this.api.http().post().uri("/api/v1/me/requests/{id}/documents", this.request)
			.header("Authorization", "Bearer " + this.token)
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(BodyInserters.fromMultipartData(three.build()))
			.exchange().expectStatus().isBadRequest();
		// A body that is not multipart at all, whatever its content type says.
		this.api.http().post().uri("/api/v1/me/requests/{id}/documents", this.request)
			.header("Authorization", "Bearer " + this.token)
			.contentType(MediaType.parseMediaType("multipart/form-data; boundary=XYZ"))
			.bodyValue("this is not a multipart body").exchange()
			.expectStatus().isBadRequest();
		// An empty file.
		this.api.upload(this.token, this.request, "OLD_PASSPORT", "empty.pdf", "application/pdf", new byte[0])
			.expectStatus().isBadRequest();
		assertThat(documents()).isEmpty();
	}

	@Test
	void documentsCanChangeOnlyWhileTheCitizenMayEdit() {
		JsonNode photo = this.api.read(this.api.upload(this.token, this.request, "PHOTO", "p.png", "image/png",
				TestFiles.png(500, 600)).expectStatus().isCreated());
		this.api.http().delete().uri("/api/v1/me/requests/{id}/documents/{doc}", this.request, photo.get("id").asString())
			.header("Authorization", "Bearer " + this.token).exchange().expectStatus().isNoContent();
		assertThat(documents()).isEmpty();

		UUID submitted = this.api.submittedPassportRenewal(this.token, "FR-PAR");
		this.api.upload(this.token, submitted, "PROOF_OF_RESIDENCE", "p.pdf", "application/pdf", TestFiles.pdf("late"))
			.expectStatus().isEqualTo(HttpStatus.CONFLICT)
			.expectBody().jsonPath("$.type").isEqualTo("https://moncompte.example/problems/request-not-editable");
		String documentId = this.api.ok(this.api.get(this.token, submitted)).get("documents").get(0).get("id").asString();
		this.api.http().delete().uri("/api/v1/me/requests/{id}/documents/{doc}", submitted, documentId)
			.header("Authorization", "Bearer " + this.token).exchange().expectStatus().isEqualTo(HttpStatus.CONFLICT);
	}

	private List<String> documents() {
		return this.db.sql("SELECT kind FROM request_documents WHERE request_id = :id").bind("id", this.request)
			.map((row, meta) -> row.get("kind", String.class)).all().collectList().block();
	}

	private List<Path> stagingFiles() {
		try (Stream<Path> files = Files.list(this.storage.resolve("staging"))) {
			return files.toList();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
