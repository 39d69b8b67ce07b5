package ma.moncompte.dispatch.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

import ma.moncompte.dispatch.ShipmentStatus;
import ma.moncompte.support.ApiProblem;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Reads a webhook body, once its signature has been verified:
 * {@code {trackingNumber, status, occurredAt, location?, message?}}. Anything else is a 400 that names
 * the field.
 */
@Component
class CourierUpdateParser {

	private static final int MAX_LOCATION = 200;

	private static final int MAX_MESSAGE = 1000;

	/** No courier reported anything for us before this; older values are typing errors (or attacks). */
	private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

	private final JsonMapper json;

	CourierUpdateParser(JsonMapper json) {
		this.json = json;
	}

	/** @param now the receiving clock: a checkpoint may not claim to come from further ahead than {@code skew} */
	CourierUpdate parse(byte[] body, Instant now, Duration skew) {
		JsonNode root;
		try {
			root = this.json.readTree(body);
		}
		catch (JacksonException ex) {
			throw ApiProblem.badRequest("malformed-json", "Malformed JSON", "The webhook body is not valid JSON.");
		}
		if (root == null || !root.isObject()) {
			throw ApiProblem.badRequest("malformed-json", "Malformed JSON", "The webhook body must be a JSON object.");
		}
		String tracking = TrackingNumbers.normalize(text(root, "trackingNumber", true, TrackingNumbers.MAX_LENGTH));
		if (tracking == null) {
			throw invalid("trackingNumber", "must be letters, digits and dashes, at most " + TrackingNumbers.MAX_LENGTH);
		}
		String statusName = text(root, "status", true, 64);
		ShipmentStatus status = ShipmentStatus.parse(statusName)
			.orElseThrow(() -> ApiProblem.badRequest("unknown-status", "Unknown status",
					"status must be one of " + Arrays.toString(ShipmentStatus.values()) + ".")
				.with("allowed", Arrays.stream(ShipmentStatus.values()).map(Enum::name).toList()));
		Instant occurredAt = instant(text(root, "occurredAt", true, 64));
		if (occurredAt.isAfter(now.plus(skew))) {
			throw invalid("occurredAt", "must not be in the future");
		}
		if (occurredAt.isBefore(EARLIEST)) {
			throw invalid("occurredAt", "must not be before " + EARLIEST);
		}
		return new CourierUpdate(tracking, status, occurredAt, trimmed(text(root, "location", false, MAX_LOCATION)),
				trimmed(text(root, "message", false, MAX_MESSAGE)));
	}

	private static String text(JsonNode root, String field, boolean required, int maxLength) {
		JsonNode node = root.get(field);
		if (node == null || node.isNull()) {
			if (required) {
				throw invalid(field, "is required");
			}
			return null;
		}
		if (!node.isString()) {
			throw invalid(field, "must be a string");
		}
		String value = node.asString();
		if (required && value.isBlank()) {
			throw invalid(field, "must not be blank");
		}
		if (value.length() > maxLength) {
			throw invalid(field, "must be at most " + maxLength + " characters");
		}
		return value;
	}

	private static Instant instant(String value) {
		try {
			return OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw invalid("occurredAt", "must be an ISO-8601 date-time with offset, e.g. 2026-03-01T10:00:00Z");
		}
	}

	private static String trimmed(String value) {
		return value == null || value.isBlank() ? null : value.trim();
	}

	private static ApiProblem invalid(String field, String message) {
		return Shipments.invalid(field, message);
	}

}
