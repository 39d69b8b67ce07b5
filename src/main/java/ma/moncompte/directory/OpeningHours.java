package ma.moncompte.directory;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Set;

/** When a post receives the public, in its own local time. */
public record OpeningHours(Set<DayOfWeek> days, LocalTime opens, LocalTime closes) {

	public static final OpeningHours WEEKDAYS_NINE_TO_THREE = new OpeningHours(
			Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY),
			LocalTime.of(9, 0), LocalTime.of(15, 0));

}
