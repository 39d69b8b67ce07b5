package ma.moncompte.directory.internal;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import ma.moncompte.directory.OpeningHours;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Opening hours of the posts.
 *
 * @param openingHours per consulate code, when a post differs from Monday–Friday 09:00–15:00
 */
@ConfigurationProperties("moncompte.directory")
public record DirectoryProperties(@DefaultValue Map<String, Hours> openingHours) {

	public record Hours(Set<DayOfWeek> days, LocalTime opens, LocalTime closes) {
	}

	public OpeningHours openingHoursOf(String consulateCode) {
		Hours hours = this.openingHours.get(consulateCode.toUpperCase(Locale.ROOT));
		if (hours == null) {
			return OpeningHours.WEEKDAYS_NINE_TO_THREE;
		}
		OpeningHours fallback = OpeningHours.WEEKDAYS_NINE_TO_THREE;
		return new OpeningHours(hours.days() == null ? fallback.days() : hours.days(),
				hours.opens() == null ? fallback.opens() : hours.opens(),
				hours.closes() == null ? fallback.closes() : hours.closes());
	}

}
