package ma.moncompte.booking.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Seats held for citizens (appointments offered after a request is approved).
 *
 * @param sweepInterval how often expired holds give their seats back to their slots
 */
@ConfigurationProperties("moncompte.booking.holds")
record SeatHoldProperties(@DefaultValue("1m") Duration sweepInterval) {
}
