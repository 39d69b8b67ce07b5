package ma.moncompte.requests.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import ma.moncompte.directory.Consulate;
import ma.moncompte.directory.Directory;
import ma.moncompte.requests.RequestStatus;
import ma.moncompte.requests.RequestStatusChanged;
import ma.moncompte.streams.EventLogStatistics;
import ma.moncompte.streams.SpanQuery;
import ma.moncompte.support.ApiProblem;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Measured processing times: from each request's submission to its completion, over the requests
 * completed in the window, read from the {@code request.status-changed} events and computed by
 * PostgreSQL ({@code percentile_cont}).
 */
@Component
class ProcessingTimes {

	private final RequestCatalog catalog;

	private final Directory directory;

	private final EventLogStatistics statistics;

	private final RequestsProperties properties;

	ProcessingTimes(RequestCatalog catalog, Directory directory, EventLogStatistics statistics,
			RequestsProperties properties) {
		this.catalog = catalog;
		this.directory = directory;
		this.statistics = statistics;
		this.properties = properties;
	}

	/**
	 * @param consulate {@code null} when measured over every post
	 * @param sampleSize how many completed requests were measured; the measures are absent when none
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record ProcessingTimesView(String type, String consulate, int targetDays, long windowDays, long sampleSize,
			Long medianSeconds, Long p90Seconds, BigDecimal medianDays, BigDecimal p90Days) {
	}

	Mono<ProcessingTimesView> measure(String typeCode, String consulateCode) {
		RequestCatalog.RequestType type = this.catalog.type(typeCode)
			.orElseThrow(() -> ApiProblem.notFound("request-type-not-found", "There is no request type " + typeCode + "."));
		Consulate consulate = consulateCode == null || consulateCode.isBlank() ? null
				: this.directory.consulate(consulateCode)
					.orElseThrow(() -> ApiProblem.notFound("consulate-not-found",
							"There is no consulate " + consulateCode + "."));
		int target = consulate == null ? type.targetDays()
				: this.catalog.offered(type, consulate).map(RequestCatalog.OfferedType::targetDays).orElse(type.targetDays());
		Map<String, String> common = new HashMap<>();
		common.put("requestType", type.code());
		if (consulate != null) {
			common.put("consulate", consulate.code());
		}
		Duration window = this.properties.processingTimeWindow();
		SpanQuery query = new SpanQuery(RequestStatusChanged.TYPE, "requestId", common,
				Map.of("status", RequestStatus.SUBMITTED.name()), Map.of("status", RequestStatus.COMPLETED.name()),
				Instant.now().minus(window));
		return this.statistics.spans(query)
			.map(stats -> new ProcessingTimesView(type.code(), consulate == null ? null : consulate.code(), target,
					window.toDays(), stats.count(), seconds(stats.median()), seconds(stats.p90()), days(stats.median()),
					days(stats.p90())));
	}

	private static Long seconds(Duration duration) {
		return duration == null ? null : Math.round(duration.toMillis() / 1000.0);
	}

	private static BigDecimal days(Duration duration) {
		return duration == null ? null
				: BigDecimal.valueOf(duration.toMillis()).divide(BigDecimal.valueOf(86_400_000L), 2, RoundingMode.HALF_UP);
	}

}
