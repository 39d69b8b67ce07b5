package ma.moncompte.requests;

import java.util.UUID;

/**
 * Payload of {@code request.status-changed} in the event log (and so on Kafka and the citizen's live
 * stream). The processing-time statistics are computed from these events.
 *
 * @param actor who made the change: {@code CITIZEN}, {@code AGENT} or {@code SYSTEM}
 * @param message what the agent wrote (information needed, rejection reason), if anything
 */
public record RequestStatusChanged(UUID requestId, String reference, String requestType, String consulate,
		RequestStatus status, RequestStatus previousStatus, String actor, String message) {

	public static final String TYPE = "request.status-changed";

}
