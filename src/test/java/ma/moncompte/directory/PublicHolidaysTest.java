package ma.moncompte.directory;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Expected dates are the published Umm al-Qura and Moroccan calendars, not derived from the code. */
class PublicHolidaysTest {

	@Test
	void fixedDateHolidays() {
		for (String date : List.of("2027-01-01", "2027-01-11", "2027-01-14", "2027-05-01", "2027-07-30", "2027-08-14",
				"2027-08-20", "2027-08-21", "2027-10-31", "2027-11-06", "2027-11-18")) {
			assertThat(PublicHolidays.isHoliday(LocalDate.parse(date))).as(date).isTrue();
		}
		assertThat(PublicHolidays.isHoliday(LocalDate.parse("2027-01-12"))).isFalse();
		// Yennayer is a holiday since 2024, Unity Day since 2025.
		assertThat(PublicHolidays.isHoliday(LocalDate.parse("2023-01-14"))).isFalse();
		assertThat(PublicHolidays.isHoliday(LocalDate.parse("2024-10-31"))).isFalse();
	}

	@Test
	void hijriHolidaysOf2026() {
		// Eid al-Fitr 1447: 20-21 March; Eid al-Adha: 27-28 May; 1 Muharram 1448: 16 June; Mawlid: 25-26 August.
		for (String date : List.of("2026-03-20", "2026-03-21", "2026-05-27", "2026-05-28", "2026-06-16", "2026-08-25",
				"2026-08-26")) {
			assertThat(PublicHolidays.isHoliday(LocalDate.parse(date))).as(date).isTrue();
		}
		for (String date : List.of("2026-03-19", "2026-03-22", "2026-05-26", "2026-05-29", "2026-06-17", "2026-08-24")) {
			assertThat(PublicHolidays.isHoliday(LocalDate.parse(date))).as(date).isFalse();
		}
		assertThat(PublicHolidays.between(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-31")))
			.extracting(PublicHolidays.Holiday::date)
			.containsExactly(LocalDate.parse("2026-03-20"), LocalDate.parse("2026-03-21"));
	}

}
