package ma.moncompte.streams;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Spans between two events of one type that concern the same subject. A subject is the value of
 * {@code subjectField} in the payload. Its span starts at its first event whose payload contains every
 * {@code start} entry and ends at its first event whose payload contains every {@code end} entry; both
 * events must also contain every {@code common} entry. Only spans that ended at or after
 * {@code endedSince} are counted.
 */
public record SpanQuery(String type, String subjectField, Map<String, String> common, Map<String, String> start,
		Map<String, String> end, Instant endedSince) {

	public SpanQuery {
		common = Map.copyOf(common);
		start = Map.copyOf(start);
		end = Map.copyOf(end);
	}

	public Map<String, String> startMatch() {
		return merged(this.start);
	}

	public Map<String, String> endMatch() {
		return merged(this.end);
	}

	private Map<String, String> merged(Map<String, String> specific) {
		Map<String, String> all = new LinkedHashMap<>(this.common);
		all.putAll(specific);
		return all;
	}

}
