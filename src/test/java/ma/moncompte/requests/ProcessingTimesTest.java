package ma.moncompte.requests;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import ma.moncompte.testing.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measured processing times, from a seeded event log whose median and 90th percentile are computed here
 * independently (linear interpolation between closest ranks, the definition of percentile_cont).
 */
class ProcessingTimesTest extends IntegrationTest {

	/** Submission-to-completion times of the requests that count, in hours. */
	private static final long[] HOURS = { 30, 12, 200, 75, 48, 96, 150, 20, 60, 33, 500 };

	/** Submitted 120 days ago, completed 10 days ago: it completed within the window, so it counts. */
	private static final long LONG_RUNNING_HOURS = 110 * 24;

	private RequestsApi api;

	@BeforeEach
	void api() {
		this.api = new RequestsApi(this.portal);
	}

	@Test
	void medianAndP90FromSubmissionToCompletionOverNinetyDays() {
		Instant now = Instant.now();
		String type = "LEGALIZATION";
		List<Double> counted = new ArrayList<>();
		for (int i = 0; i < HOURS.length; i++) {
			Instant completed = now.minus(1 + i * 5, ChronoUnit.DAYS);
			seed(type, "CA-YTO", completed.minus(HOURS[i], ChronoUnit.HOURS), completed, true);
			counted.add(HOURS[i] * 3600.0);
		}
		seed(type, "CA-YTO", now.minus(120, ChronoUnit.DAYS), now.minus(10, ChronoUnit.DAYS), true);
		counted.add(LONG_RUNNING_HOURS * 3600.0);
		// None of these count for legalizations in Toronto:
		seed(type, "CA-YTO", now.minus(105, ChronoUnit.DAYS), now.minus(100, ChronoUnit.DAYS), true); // completed too long ago
		seed(type, "CA-YTO", now.minus(3, ChronoUnit.DAYS), null, true); // not completed
		seed("CONSULAR_REGISTRATION", "CA-YTO", now.minus(9, ChronoUnit.DAYS), now.minus(1, ChronoUnit.DAYS), true); // another type
		seed(type, "CA-YMQ", now.minus(40, ChronoUnit.DAYS), now.minus(2, ChronoUnit.DAYS), true); // another post
		seed(type, "CA-YTO", null, now.minus(2, ChronoUnit.DAYS), true); // completion without a known submission

		JsonNode toronto = this.api.ok(this.api.http().get()
			.uri("/api/v1/request-types/LEGALIZATION/processing-times?consulate=CA-YTO").exchange());
		assertThat(toronto.get("type").asString()).isEqualTo("LEGALIZATION");
		assertThat(toronto.get("consulate").asString()).isEqualTo("CA-YTO");
		assertThat(toronto.get("targetDays").asInt()).isEqualTo(3);
		assertThat(toronto.get("windowDays").asInt()).isEqualTo(90);
		assertThat(toronto.get("sampleSize").asLong()).isEqualTo(counted.size());
		assertThat(toronto.get("medianSeconds").asLong()).isEqualTo(Math.round(percentile(counted, 0.5)));
		assertThat(toronto.get("p90Seconds").asLong()).isEqualTo(Math.round(percentile(counted, 0.9)));
		// 12 values: the median is between the 6th and 7th (60 h and 75 h), the p90 at rank 10.9 of 12.
		assertThat(toronto.get("medianSeconds").asLong()).isEqualTo(Math.round(67.5 * 3600));
		assertThat(toronto.get("medianDays").asDouble()).isEqualTo(2.81);

		// Across every post, Montréal's one counts too.
		List<Double> everywhere = new ArrayList<>(counted);
		everywhere.add(38 * 24 * 3600.0);
		JsonNode all = this.api.ok(this.api.http().get().uri("/api/v1/request-types/LEGALIZATION/processing-times").exchange());
		assertThat(all.has("consulate")).isFalse();
		assertThat(all.get("sampleSize").asLong()).isEqualTo(everywhere.size());
		assertThat(all.get("p90Seconds").asLong()).isEqualTo(Math.round(percentile(everywhere, 0.9)));

		// Nothing measured yet: the target alone.
		JsonNode none = this.api.ok(this.api.http().get()
			.uri("/api/v1/request-types/BIRTH_TRANSCRIPTION/processing-times?consulate=SA-JED").exchange());
		assertThat(none.get("sampleSize").asLong()).isZero();
		assertThat(none.get("targetDays").asInt()).isEqualTo(30);
		assertThat(none.has("medianSeconds")).isFalse();

		this.api.http().get().uri("/api/v1/request-types/NOPE/processing-times").exchange().expectStatus().isNotFound();
		this.api.http().get().uri("/api/v1/request-types/VISA/processing-times?consulate=XX").exchange().expectStatus().isNotFound();
	}

	@Test
	void aRequestCompletedThroughTheApiIsMeasured() {
		String agent = this.portal.loginAgent("DE-DUS");
		String citizen = this.citizens.create().token();
		java.util.UUID id = this.api.createDraft(citizen, "BIRTH_CERTIFICATE", "DE-DUS", java.util.Map.of("personFullName",
				"Yassine El Idrissi", "birthDate", "1979-05-02", "birthPlace", "Oujda", "copyType", "EXTRACT", "copies", 2));
		this.api.upload(citizen, id, "CNIE_COPY", "cnie.png", "image/png", TestFiles.png(600, 400)).expectStatus().isCreated();
		this.api.ok(this.api.submit(citizen, id));
		JsonNode payment = this.api.read(this.api.pay(citizen, id, UUID.randomUUID().toString()).expectStatus().isCreated());
		this.api.http().post().uri(RequestsApi.sandboxPath(payment.get("redirectUrl").asString()) + "/approve").exchange()
			.expectStatus().isEqualTo(org.springframework.http.HttpStatus.SEE_OTHER);
		this.api.ok(this.api.transition(agent, id, "APPROVED", null, null));
		this.api.ok(this.api.transition(agent, id, "READY_FOR_COLLECTION", null, null));
		this.api.ok(this.api.transition(agent, id, "COMPLETED", null, null));

		double measuredSeconds = this.db.sql("""
				SELECT CAST(EXTRACT(EPOCH FROM completed_at - submitted_at) AS float8) AS took
				FROM service_requests WHERE id = :id""").bind("id", id)
			.map((row, meta) -> row.get("took", Double.class)).one().block();
		JsonNode times = this.api.ok(this.api.http().get()
			.uri("/api/v1/request-types/BIRTH_CERTIFICATE/processing-times?consulate=DE-DUS").exchange());
		assertThat(times.get("sampleSize").asLong()).isEqualTo(1);
		// The event log's timestamps are the transactions' own, like the request's columns.
		assertThat(times.get("medianSeconds").asLong()).isEqualTo(Math.round(measuredSeconds));
	}

	/** percentile_cont: the value at rank p * (n - 1), interpolated between its neighbours. */
	private static double percentile(List<Double> values, double p) {
		List<Double> sorted = values.stream().sorted().toList();
		double rank = p * (sorted.size() - 1);
		int below = (int) Math.floor(rank);
		int above = (int) Math.ceil(rank);
		return sorted.get(below) + (rank - below) * (sorted.get(above) - sorted.get(below));
	}

	private void seed(String type, String consulate, Instant submitted, Instant completed, boolean published) {
		UUID request = UUID.randomUUID();
		UUID account = UUID.randomUUID();
		if (submitted != null) {
			event(account, request, type, consulate, "SUBMITTED", submitted);
			// Steps in between do not matter.
			event(account, request, type, consulate, "UNDER_REVIEW", submitted.plusSeconds(60));
		}
		if (completed != null) {
			event(account, request, type, consulate, "COMPLETED", completed);
		}
	}

	private void event(UUID account, UUID request, String type, String consulate, String status, Instant at) {
		String payload = """
				{"requestId":"%s","reference":"DEM-TEST-0000","requestType":"%s","consulate":"%s","status":"%s",\
				"previousStatus":null,"actor":"AGENT","message":null}""".formatted(request, type, consulate, status);
		this.db.sql("""
				INSERT INTO event_log (account_id, type, payload, occurred_at, published_at)
				VALUES (:account, 'request.status-changed', CAST(:payload AS jsonb), :at, now())""")
			.bind("account", account)
			.bind("payload", payload)
			.bind("at", at)
			.then()
			.block();
	}

}
