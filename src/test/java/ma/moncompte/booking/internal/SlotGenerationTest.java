package ma.moncompte.booking.internal;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import ma.moncompte.directory.Directory;
import ma.moncompte.testing.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

class SlotGenerationTest extends IntegrationTest {

	@Autowired
	private SlotGenerator generator;

	@Autowired
	private Directory directory;

	@Test
	void generationSkipsWeekendsAndHolidaysAndIsIdempotent() {
		var tunis = this.directory.consulate("TN-TUN").orElseThrow();
		// Friday 7 to Friday 14 January 2028: the 8th-9th are a weekend, the 11th and 14th holidays.
		LocalDate from = LocalDate.parse("2028-01-07");
		LocalDate to = LocalDate.parse("2028-01-14");
		long created = this.generator.generate(tunis, from, to).block();
		assertThat(this.generator.generate(tunis, from, to).block()).isZero();

		List<LocalDate> days = this.db.sql("""
				SELECT DISTINCT (starts_at AT TIME ZONE 'Africa/Tunis')::date AS day FROM slots
				WHERE consulate_code = 'TN-TUN' AND starts_at >= '2028-01-06T00:00:00Z' AND starts_at < '2028-01-16T00:00:00Z'
				ORDER BY 1""").map((row, meta) -> row.get("day", LocalDate.class)).all().collectList().block();
		List<LocalDate> expected = from.datesUntil(to.plusDays(1))
			.filter(d -> d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY)
			.filter(d -> !d.equals(LocalDate.parse("2028-01-11")) && !d.equals(LocalDate.parse("2028-01-14")))
			.toList();
		assertThat(days).containsExactlyElementsOf(expected).containsExactly(LocalDate.parse("2028-01-07"),
				LocalDate.parse("2028-01-10"), LocalDate.parse("2028-01-12"), LocalDate.parse("2028-01-13"));
		// 8 services over 6 opening hours: 360/length slots each, per open day.
		long perDay = this.directory.services().stream().mapToLong(s -> 360 / s.appointmentMinutes()).sum();
		assertThat(created).isEqualTo(perDay * expected.size());
		assertThat(ZoneId.of("Africa/Tunis")).isEqualTo(tunis.timeZone());
	}

	@Test
	void theStartupRunCoversTheComingEightWeeks() {
		LocalDate today = LocalDate.now(ZoneId.of("Europe/Paris"));
		LocalDate lastGenerated = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(90)).until(() -> this.db.sql("""
				SELECT max((starts_at AT TIME ZONE 'Europe/Paris')::date) AS last FROM slots
				WHERE consulate_code = 'FR-LIL' AND service_code = 'PASSPORT'""")
			.map((row, meta) -> java.util.Optional.ofNullable(row.get("last", LocalDate.class))).one().block().orElse(null),
				last -> last != null && last.isAfter(today.plusWeeks(8).minusDays(5)));
		assertThat(lastGenerated).isAfter(today.plusWeeks(8).minusDays(4)).isBeforeOrEqualTo(today.plusWeeks(8));
	}

}
