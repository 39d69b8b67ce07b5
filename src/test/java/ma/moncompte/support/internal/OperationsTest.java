package ma.moncompte.support.internal;

import java.util.UUID;

import ma.moncompte.testing.IntegrationTest;
import ma.moncompte.testing.LocalStarts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OperationsTest extends IntegrationTest {

	@Test
	void healthAndReadinessCoverTheDatabaseAndKafka() {
		http().get().uri("/actuator/health").exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.status").isEqualTo("UP");
		http().get().uri("/actuator/health/readiness").exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.status").isEqualTo("UP");
		assertThat(this.portal.isReady()).isTrue();
	}

	@Test
	void prometheusShowsBookingOutcomesStreamsAndRelayLag() {
		String agent = this.portal.loginAgent("GB-LON");
		UUID slot = this.portal.createSlot(agent, "GB-LON", "PASSPORT", LocalStarts.future(), 20, 1);
		this.portal.book(this.citizens.create().token(), slot).expectStatus().isCreated();
		this.portal.book(this.citizens.create().token(), slot).expectStatus().isEqualTo(409);
		String metrics = http().get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
			.expectBody(String.class).returnResult().getResponseBody();
		assertThat(metrics).contains("moncompte_booking_outcomes_total{outcome=\"booked\"")
			.contains("moncompte_booking_outcomes_total{outcome=\"slot-full\"")
			.contains("moncompte_sse_streams_open")
			.contains("moncompte_relay_lag_seconds")
			.contains("moncompte_relay_published_total");
	}

	@Test
	void openApiDescribesTheApiAndSwaggerUiIsServed() {
		http().get().uri("/v3/api-docs").exchange().expectStatus().isOk()
			.expectBody()
			.jsonPath("$.paths['/api/v1/me/appointments'].post").exists()
			.jsonPath("$.paths['/api/v1/consulates/{code}/slots'].get").exists();
		http().get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
	}

}
