package ma.moncompte.streams;

import reactor.core.publisher.Mono;

/**
 * Read-only measurements over the event log, computed by PostgreSQL, for features that time their own
 * flows (for example how long requests take from submission to completion).
 */
public interface EventLogStatistics {

	/** Median and 90th percentile of the spans the query describes. */
	Mono<SpanStatistics> spans(SpanQuery query);

}
