package ma.moncompte.booking.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ma.moncompte.directory.Directory;
import ma.moncompte.testing.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slots on the days clocks change. Europe/Paris springs forward on 2027-03-28 and falls back on
 * 2027-10-31; America/New_York on 2027-03-14 and 2027-11-07.
 */
class DaylightSavingTest extends IntegrationTest {

	@Autowired
	private SlotGenerator generator;

	@Autowired
	private Directory directory;

	@Test
	void agentSlotsOnDstChangeDaysCarryTheRightInstants() {
		String paris = this.portal.loginAgent("FR-PAR");
		assertSlot(paris, "FR-PAR", "2027-03-27T10:00", "2027-03-27T09:00:00Z", "+01:00");
		assertSlot(paris, "FR-PAR", "2027-03-28T10:00", "2027-03-28T08:00:00Z", "+02:00");
		assertSlot(paris, "FR-PAR", "2027-10-31T10:00", "2027-10-31T09:00:00Z", "+01:00");
		String newYork = this.portal.loginAgent("US-NYC");
		assertSlot(newYork, "US-NYC", "2027-03-13T10:00", "2027-03-13T15:00:00Z", "-05:00");
		assertSlot(newYork, "US-NYC", "2027-03-14T10:00", "2027-03-14T14:00:00Z", "-04:00");
		assertSlot(newYork, "US-NYC", "2027-11-07T10:00", "2027-11-07T15:00:00Z", "-05:00");
	}

	@Test
	void aLocalTimeSkippedBySpringForwardIsRefused() {
		http().post().uri("/api/v1/agent/consulates/FR-PAR/slots")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.portal.loginAgent("FR-PAR"))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("service", "VISA", "start", "2027-03-28T02:30", "durationMinutes", 30, "capacity", 1))
			.exchange()
			.expectStatus().isEqualTo(422)
			.expectBody().jsonPath("$.type").isEqualTo("https://moncompte.example/problems/nonexistent-local-time");
	}

	@Test
	void generatedSlotsAroundTheChangeOpenAtNineLocalTime() {
		// Friday before and Monday after the spring change; the weekend in between has no slots.
		this.generator.generate(this.directory.consulate("FR-PAR").orElseThrow(), LocalDate.parse("2027-03-26"),
				LocalDate.parse("2027-03-29")).block();
		this.generator.generate(this.directory.consulate("US-NYC").orElseThrow(), LocalDate.parse("2027-03-12"),
				LocalDate.parse("2027-03-15")).block();
		assertThat(firstStarts("FR-PAR", "2027-03-26T00:00:00Z", "2027-03-30T00:00:00Z"))
			.containsExactly(Instant.parse("2027-03-26T08:00:00Z"), Instant.parse("2027-03-29T07:00:00Z"));
		assertThat(firstStarts("US-NYC", "2027-03-12T00:00:00Z", "2027-03-16T00:00:00Z"))
			.containsExactly(Instant.parse("2027-03-12T14:00:00Z"), Instant.parse("2027-03-15T13:00:00Z"));
		// Last PASSPORT slot (20 minutes) of the Monday ends at closing time, 15:00 local.
		assertThat(this.db.sql("""
				SELECT max(ends_at) AS last FROM slots WHERE consulate_code = 'FR-PAR' AND service_code = 'PASSPORT'
				AND starts_at >= '2027-03-29T00:00:00Z' AND starts_at < '2027-03-30T00:00:00Z'""")
			.map((row, meta) -> row.get("last", OffsetDateTime.class).toInstant()).one().block())
			.isEqualTo(Instant.parse("2027-03-29T13:00:00Z"));
	}

	private List<Instant> firstStarts(String consulate, String from, String to) {
		return this.db.sql("""
				SELECT min(starts_at) AS first FROM slots
				WHERE consulate_code = :c AND service_code = 'PASSPORT' AND starts_at >= CAST(:from AS timestamptz)
				  AND starts_at < CAST(:to AS timestamptz)
				GROUP BY (starts_at AT TIME ZONE 'UTC')::date ORDER BY 1""")
			.bind("c", consulate).bind("from", from).bind("to", to)
			.map((row, meta) -> row.get("first", OffsetDateTime.class).toInstant()).all().collectList().block();
	}

	private void assertSlot(String agent, String consulate, String local, String expectedUtc, String expectedOffset) {
		UUID id = this.portal.createSlot(agent, consulate, "CONSULAR_REGISTRATION", local, 15, 1);
		Instant stored = this.db.sql("SELECT starts_at FROM slots WHERE id = :id").bind("id", id)
			.map((row, meta) -> row.get("starts_at", OffsetDateTime.class).toInstant()).one().block();
		assertThat(stored).isEqualTo(Instant.parse(expectedUtc));
		ZoneId zone = this.directory.consulate(consulate).orElseThrow().timeZone();
		String listed = http().get()
			.uri("/api/v1/consulates/{c}/slots?service=CONSULAR_REGISTRATION&from={d}&to={d}", consulate,
					local.substring(0, 10), local.substring(0, 10))
			.exchange().expectStatus().isOk()
			.expectBody(String.class).returnResult().getResponseBody();
		assertThat(listed).contains("\"start\":\"" + local + ":00" + expectedOffset + "\"");
		assertThat(stored.atZone(zone).getOffset().getId()).isEqualTo(expectedOffset);
	}

}
