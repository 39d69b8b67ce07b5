package ma.moncompte.requests.internal;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import ma.moncompte.requests.RequestStatus;

/**
 * One row of {@code service_requests}.
 *
 * @param feeMinor frozen at submission; {@code null} for a draft
 * @param seatHoldId the seat held for the appointment offered, if any
 */
record ServiceRequest(UUID id, String reference, UUID accountId, String consulateCode, String typeCode,
		RequestStatus status, Map<String, Object> fields, Long feeMinor, String currency, String statusMessage,
		UUID seatHoldId, Instant offeredStart, Instant offeredEnd, Instant offerExpiresAt, UUID appointmentId,
		String appointmentReference, Instant createdAt, Instant updatedAt, Instant submittedAt, Instant completedAt) {

	ServiceRequest {
		fields = Map.copyOf(fields);
	}

}
