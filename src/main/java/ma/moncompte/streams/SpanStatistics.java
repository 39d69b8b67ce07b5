package ma.moncompte.streams;

import java.time.Duration;

/**
 * @param count how many spans were measured
 * @param median the continuous median (PostgreSQL {@code percentile_cont(0.5)}); {@code null} when none
 * @param p90 the continuous 90th percentile; {@code null} when none
 */
public record SpanStatistics(long count, Duration median, Duration p90) {
}
