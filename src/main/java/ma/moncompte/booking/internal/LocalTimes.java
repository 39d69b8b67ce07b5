package ma.moncompte.booking.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

import ma.moncompte.directory.Consulate;
import ma.moncompte.directory.Directory;

import org.springframework.stereotype.Component;

/** Instants are stored in UTC; citizens and agents see them in the post's own offset. */
@Component
class LocalTimes {

	private final Directory directory;

	LocalTimes(Directory directory) {
		this.directory = directory;
	}

	OffsetDateTime at(String consulateCode, Instant instant) {
		return instant.atZone(zone(consulateCode)).toOffsetDateTime();
	}

	Instant startOfDay(String consulateCode, LocalDate day) {
		return day.atStartOfDay(zone(consulateCode)).toInstant();
	}

	private ZoneId zone(String consulateCode) {
		return this.directory.consulate(consulateCode).map(Consulate::timeZone).orElse(ZoneId.of("UTC"));
	}

}
