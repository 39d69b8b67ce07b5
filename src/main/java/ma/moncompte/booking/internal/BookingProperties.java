package ma.moncompte.booking.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Slot generation.
 *
 * @param slotCapacity seats per generated slot (counters serving the public in parallel)
 * @param generationWeeks how far ahead slots are generated
 * @param generateOnStartup generate at start-up as well as by the daily job
 */
@ConfigurationProperties("moncompte.booking")
record BookingProperties(@DefaultValue("3") int slotCapacity, @DefaultValue("8") int generationWeeks,
		@DefaultValue("true") boolean generateOnStartup) {
}
