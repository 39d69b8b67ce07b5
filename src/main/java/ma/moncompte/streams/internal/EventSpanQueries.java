package ma.moncompte.streams.internal;

import java.time.Duration;

import ma.moncompte.streams.EventLogStatistics;
import ma.moncompte.streams.SpanQuery;
import ma.moncompte.streams.SpanStatistics;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Percentiles are computed by PostgreSQL ({@code percentile_cont}) over the matching rows, so no event
 * is ever loaded into the application. Payload matching uses jsonb containment ({@code @>}).
 */
@Component
class EventSpanQueries implements EventLogStatistics {

	private final DatabaseClient db;

	private final JsonMapper json;

	EventSpanQueries(DatabaseClient db, JsonMapper json) {
		this.db = db;
		this.json = json;
	}

	@Override
	public Mono<SpanStatistics> spans(SpanQuery query) {
		return this.db.sql("""
				WITH ends AS (
				    SELECT payload ->> :field AS subject, min(occurred_at) AS ended_at
				    FROM event_log
				    WHERE type = :type AND payload @> CAST(:endMatch AS jsonb) AND occurred_at >= :since
				      AND payload ->> :field IS NOT NULL
				    GROUP BY 1),
				starts AS (
				    SELECT payload ->> :field AS subject, min(occurred_at) AS started_at
				    FROM event_log
				    WHERE type = :type AND payload @> CAST(:startMatch AS jsonb)
				      AND payload ->> :field IN (SELECT subject FROM ends)
				    GROUP BY 1),
				spans AS (
				    SELECT CAST(EXTRACT(EPOCH FROM e.ended_at - s.started_at) AS float8) AS seconds
				    FROM ends e JOIN starts s USING (subject)
				    WHERE e.ended_at >= s.started_at)
				SELECT count(*) AS spans,
				       percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) AS median,
				       percentile_cont(0.9) WITHIN GROUP (ORDER BY seconds) AS p90
				FROM spans""")
			.bind("field", query.subjectField())
			.bind("type", query.type())
			.bind("startMatch", this.json.writeValueAsString(query.startMatch()))
			.bind("endMatch", this.json.writeValueAsString(query.endMatch()))
			.bind("since", query.endedSince())
			.map((row, meta) -> new SpanStatistics(row.get("spans", Long.class), duration(row.get("median", Double.class)),
					duration(row.get("p90", Double.class))))
			.one();
	}

	private static Duration duration(Double seconds) {
		return seconds == null ? null : Duration.ofMillis(Math.round(seconds * 1000));
	}

}
