package ma.moncompte.directory;

import java.time.LocalDate;
import java.time.MonthDay;
import java.time.chrono.HijrahDate;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Moroccan public holidays, which every post observes. Religious holidays follow the Hijri calendar;
 * {@link HijrahDate} computes them with the Umm al-Qura tables. Morocco fixes them by moon sighting, so
 * the observed day can differ by one; agents record such a shift as a closure.
 */
public final class PublicHolidays {

	public record Holiday(LocalDate date, String name) {
	}

	private record Fixed(MonthDay day, String name, int sinceYear) {
	}

	private record Hijri(int month, int day, int days, String name) {
	}

	private static final List<Fixed> FIXED = List.of(
			new Fixed(MonthDay.of(1, 1), "Nouvel An", 0),
			new Fixed(MonthDay.of(1, 11), "Manifeste de l'Indépendance", 0),
			new Fixed(MonthDay.of(1, 14), "Nouvel An amazigh", 2024),
			new Fixed(MonthDay.of(5, 1), "Fête du Travail", 0),
			new Fixed(MonthDay.of(7, 30), "Fête du Trône", 0),
			new Fixed(MonthDay.of(8, 14), "Allégeance Oued Eddahab", 0),
			new Fixed(MonthDay.of(8, 20), "Révolution du Roi et du Peuple", 0),
			new Fixed(MonthDay.of(8, 21), "Fête de la Jeunesse", 0),
			new Fixed(MonthDay.of(10, 31), "Fête de l'Unité", 2025),
			new Fixed(MonthDay.of(11, 6), "Marche Verte", 0),
			new Fixed(MonthDay.of(11, 18), "Fête de l'Indépendance", 0));

	private static final List<Hijri> RELIGIOUS = List.of(
			new Hijri(1, 1, 1, "1er Moharram (Nouvel An de l'Hégire)"),
			new Hijri(3, 12, 2, "Aïd Al Mawlid"),
			new Hijri(10, 1, 2, "Aïd Al Fitr"),
			new Hijri(12, 10, 2, "Aïd Al Adha"));

	private PublicHolidays() {
	}

	public static Optional<Holiday> on(LocalDate date) {
		for (Fixed fixed : FIXED) {
			if (date.getYear() >= fixed.sinceYear() && MonthDay.from(date).equals(fixed.day())) {
				return Optional.of(new Holiday(date, fixed.name()));
			}
		}
		HijrahDate hijri = HijrahDate.from(date);
		int month = hijri.get(ChronoField.MONTH_OF_YEAR);
		int day = hijri.get(ChronoField.DAY_OF_MONTH);
		for (Hijri religious : RELIGIOUS) {
			if (month == religious.month() && day >= religious.day() && day < religious.day() + religious.days()) {
				return Optional.of(new Holiday(date, religious.name()));
			}
		}
		return Optional.empty();
	}

	public static boolean isHoliday(LocalDate date) {
		return on(date).isPresent();
	}

	/** Holidays from {@code from} to {@code to}, both inclusive. */
	public static List<Holiday> between(LocalDate from, LocalDate to) {
		List<Holiday> holidays = new ArrayList<>();
		for (LocalDate date = from; !date.isAfter(to); date = date.plusDays(1)) {
			on(date).ifPresent(holidays::add);
		}
		return holidays;
	}

}
