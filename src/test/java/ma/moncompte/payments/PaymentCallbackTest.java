package ma.moncompte.payments;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import ma.moncompte.requests.RequestsApi;
import ma.moncompte.testing.Citizens.Citizen;
import ma.moncompte.testing.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Payments against the sandbox provider: signed callbacks are verified, applied once whatever arrives
 * twice or at the same time, and a payment is opened once per Idempotency-Key.
 */
class PaymentCallbackTest extends IntegrationTest {

	private final JsonMapper json = JsonMapper.builder().build();

	private RequestsApi api;

	private Citizen citizen;

	private UUID request;

	@BeforeEach
	void submittedRequest() {
		this.api = new RequestsApi(this.portal);
		this.citizen = this.citizens.create();
		this.request = this.api.submittedPassportRenewal(this.citizen.token(), "GB-LON");
	}

	@Test
	void theSameCallbackTwentyTimesAtOnceChargesAndMovesTheRequestOnce() {
		JsonNode payment = this.api.read(this.api.pay(this.citizen.token(), this.request, UUID.randomUUID().toString())
			.expectStatus().isCreated());
		UUID paymentId = UUID.fromString(payment.get("id").asString());
		// A post in London charges in pounds, at the catalog's GBP fee.
		assertThat(payment.get("currency").asString()).isEqualTo("GBP");
		assertThat(payment.get("amountMinor").asLong()).isEqualTo(4300);
		String token = RequestsApi.checkoutToken(payment.get("redirectUrl").asString());

		byte[] body = RequestsApi.approvedCallback(token, paymentId, 4300, "GBP");
		String signature = RequestsApi.sign(RequestsApi.SANDBOX_SECRET, RequestsApi.now(), body);
		WebClient client = this.portal.webClient();
		List<Integer> statuses = Flux.range(0, 20)
			.flatMap(i -> client.post().uri("/api/v1/payments/callbacks/sandbox")
				.contentType(MediaType.APPLICATION_JSON)
				.header("Sandbox-Signature", signature)
				.bodyValue(body)
				.exchangeToMono(response -> response.bodyToMono(String.class)
					.map(answer -> response.statusCode().value() * 10 + (answer.contains("\"applied\"") ? 1 : 0))), 20)
			.collectList()
			.block(Duration.ofSeconds(60));
		// All twenty are acknowledged; exactly one was applied, the others were recognised as repeats.
		assertThat(statuses).hasSize(20).allMatch(code -> code / 10 == 200);
		assertThat(statuses.stream().filter(code -> code % 10 == 1)).hasSize(1);

		assertThat(count("SELECT count(*) AS n FROM payments WHERE subject_id = :id AND status = 'SUCCEEDED'")).isEqualTo(1);
		assertThat(count("SELECT count(*) AS n FROM payments WHERE subject_id = :id AND receipt_number IS NOT NULL")).isEqualTo(1);
		assertThat(count("SELECT count(*) AS n FROM service_request_history WHERE request_id = :id AND to_status = 'PAID'")).isEqualTo(1);
		assertThat(count("SELECT count(*) AS n FROM service_request_history WHERE request_id = :id AND to_status = 'UNDER_REVIEW'")).isEqualTo(1);
		assertThat(this.db.sql("SELECT count(*) AS n FROM event_log WHERE type = 'payment.succeeded' AND payload ->> 'paymentId' = :p")
			.bind("p", paymentId.toString()).map((row, meta) -> row.get("n", Long.class)).one().block()).isEqualTo(1);
		assertThat(this.api.ok(this.api.get(this.citizen.token(), this.request)).get("status").asString()).isEqualTo("UNDER_REVIEW");

		JsonNode history = this.api.ok(this.api.http().get().uri("/api/v1/me/payments")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.citizen.token()).exchange());
		assertThat(history).hasSize(1);
		assertThat(history.get(0).get("receiptNumber").asString()).startsWith("RCP-");
	}

	@Test
	void theSameIdempotencyKeyOpensOnePayment() {
		String key = UUID.randomUUID().toString();
		List<String> answers = Flux.range(0, 20)
			.flatMap(i -> this.portal.webClient().post().uri("/api/v1/me/requests/{id}/payments", this.request)
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.citizen.token())
				.header("Idempotency-Key", key)
				.exchangeToMono(response -> response.bodyToMono(String.class)
					.map(body -> response.statusCode().value() + " " + body)), 20)
			.collectList()
			.block(Duration.ofSeconds(60));
		// Every retry replays the first answer verbatim (or, while it is still running, says so).
		Set<String> created = answers.stream().filter(a -> a.startsWith("201 ")).collect(Collectors.toSet());
		assertThat(created).hasSize(1);
		assertThat(answers).allMatch(a -> a.startsWith("201 ") || a.startsWith("409 "));
		assertThat(count("SELECT count(*) AS n FROM payments WHERE subject_id = :id")).isEqualTo(1);
		assertThat(count("SELECT count(*) AS n FROM service_request_history WHERE request_id = :id AND to_status = 'PAYMENT_PENDING'")).isEqualTo(1);

		// Later retries too, and the same key for another request is refused.
		String again = this.api.http().post().uri("/api/v1/me/requests/{id}/payments", this.request)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.citizen.token()).header("Idempotency-Key", key)
			.exchange().expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody();
		assertThat("201 " + again).isIn(created);
		UUID other = this.api.submittedPassportRenewal(this.citizen.token(), "GB-LON");
		this.api.pay(this.citizen.token(), other, key).expectStatus().isEqualTo(422);
		// Without a key there is no payment.
		this.api.http().post().uri("/api/v1/me/requests/{id}/payments", other)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.citizen.token()).exchange()
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.type").isEqualTo("https://moncompte.example/problems/idempotency-key-required");
	}

	@Test
	void anotherKeyWhileAPaymentIsOpenReturnsThatPayment() {
		JsonNode first = this.api.read(this.api.pay(this.citizen.token(), this.request, "first").expectStatus().isCreated());
		JsonNode second = this.api.read(this.api.pay(this.citizen.token(), this.request, "second").expectStatus().isOk());
		assertThat(second.get("id").asString()).isEqualTo(first.get("id").asString());
		assertThat(second.get("redirectUrl").asString()).isEqualTo(first.get("redirectUrl").asString());
		assertThat(count("SELECT count(*) AS n FROM payments WHERE subject_id = :id")).isEqualTo(1);
	}

	@Test
	void forgedCallbacksAreRefusedAndChangeNothing() {
		JsonNode payment = this.api.read(this.api.pay(this.citizen.token(), this.request, UUID.randomUUID().toString())
			.expectStatus().isCreated());
		UUID paymentId = UUID.fromString(payment.get("id").asString());
		String token = RequestsApi.checkoutToken(payment.get("redirectUrl").asString());
		byte[] body = RequestsApi.approvedCallback(token, paymentId, 4300, "GBP");
		long now = RequestsApi.now();

		// Signed with another secret.
		expectUnauthorized(body, RequestsApi.sign("not-the-secret", now, body));
		// No signature at all.
		expectUnauthorized(body, null);
		// A genuine signature of other bytes: the amount was changed on the way.
		byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("4300", "1").getBytes(StandardCharsets.UTF_8);
		expectUnauthorized(tampered, RequestsApi.sign(RequestsApi.SANDBOX_SECRET, now, body));
		// A genuine but old signature (a replay outside the tolerance).
		expectUnauthorized(body, RequestsApi.sign(RequestsApi.SANDBOX_SECRET, now - 3600, body));
		// Garbage in the header.
		expectUnauthorized(body, "t=abc,v1=zz");

		assertThat(count("SELECT count(*) AS n FROM payments WHERE subject_id = :id AND status = 'PENDING'")).isEqualTo(1);
		assertThat(this.api.ok(this.api.get(this.citizen.token(), this.request)).get("status").asString())
			.isEqualTo("PAYMENT_PENDING");

		// The genuine one still works afterwards.
		this.api.callback(body, RequestsApi.sign(RequestsApi.SANDBOX_SECRET, now, body)).expectStatus().isOk()
			.expectBody().jsonPath("$.outcome").isEqualTo("applied");
	}

	@Test
	void aDeclinedPaymentFailsOnceAndCanBeTriedAgain() {
		JsonNode payment = this.api.read(this.api.pay(this.citizen.token(), this.request, UUID.randomUUID().toString())
			.expectStatus().isCreated());
		String page = RequestsApi.sandboxPath(payment.get("redirectUrl").asString());
		this.api.http().post().uri(page + "/decline").exchange().expectStatus().isEqualTo(HttpStatus.SEE_OTHER);
		// The payer cannot change their mind on the same page.
		this.api.http().post().uri(page + "/approve").exchange().expectStatus().isEqualTo(HttpStatus.CONFLICT);
		// Replaying the decline callback changes nothing.
		this.api.http().post().uri(page + "/resend").exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.delivered").isEqualTo(true);

		assertThat(this.db.sql("SELECT status, failure_reason FROM payments WHERE id = :id")
			.bind("id", UUID.fromString(payment.get("id").asString()))
			.map((row, meta) -> row.get("status", String.class) + "/" + row.get("failure_reason", String.class))
			.one().block()).isEqualTo("FAILED/declined-by-payer");
		assertThat(this.db.sql("SELECT count(*) AS n FROM event_log WHERE type = 'payment.failed' AND payload ->> 'paymentId' = :p")
			.bind("p", payment.get("id").asString()).map((row, meta) -> row.get("n", Long.class)).one().block()).isEqualTo(1);
		assertThat(this.api.ok(this.api.get(this.citizen.token(), this.request)).get("status").asString())
			.isEqualTo("PAYMENT_PENDING");

		// A new attempt is a new payment, which can succeed.
		JsonNode retry = this.api.read(this.api.pay(this.citizen.token(), this.request, UUID.randomUUID().toString())
			.expectStatus().isCreated());
		assertThat(retry.get("id").asString()).isNotEqualTo(payment.get("id").asString());
		this.api.http().post().uri(RequestsApi.sandboxPath(retry.get("redirectUrl").asString()) + "/approve").exchange()
			.expectStatus().isEqualTo(HttpStatus.SEE_OTHER);
		assertThat(this.api.ok(this.api.get(this.citizen.token(), this.request)).get("status").asString())
			.isEqualTo("UNDER_REVIEW");
		// Paid: nothing more to pay.
		this.api.pay(this.citizen.token(), this.request, UUID.randomUUID().toString()).expectStatus().isEqualTo(HttpStatus.CONFLICT);

		JsonNode history = this.api.ok(this.api.http().get().uri("/api/v1/me/payments")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.citizen.token()).exchange());
		assertThat(history.valueStream().map(p -> p.get("status").asString())).containsExactly("SUCCEEDED", "FAILED");
		assertThat(history.get(1).get("receiptNumber").isNull()).isTrue();
	}

	@Test
	void twentyConcurrentApprovalsOfTheHostedPageSendOneVerdict() {
		JsonNode payment = this.api.read(this.api.pay(this.citizen.token(), this.request, UUID.randomUUID().toString())
			.expectStatus().isCreated());
		String page = RequestsApi.sandboxPath(payment.get("redirectUrl").asString());
		List<Integer> statuses = Flux.range(0, 20)
			.flatMap(i -> this.portal.webClient().post().uri(page + "/approve")
				.exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value())), 20)
			.collectList().block(Duration.ofSeconds(60));
		assertThat(statuses.stream().filter(s -> s == 303)).hasSize(1);
		assertThat(statuses.stream().filter(s -> s == 409)).hasSize(19);
		assertThat(count("SELECT count(*) AS n FROM service_request_history WHERE request_id = :id AND to_status = 'PAID'")).isEqualTo(1);
	}

	private void expectUnauthorized(byte[] body, String signature) {
		this.api.callback(body, signature)
			.expectStatus().isUnauthorized()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.type").isEqualTo("https://moncompte.example/problems/invalid-signature");
	}

	private long count(String sql) {
		return this.db.sql(sql).bind("id", this.request).map((row, meta) -> row.get("n", Long.class)).one().block();
	}

}
