package ma.moncompte.booking;

import java.util.Map;
import java.util.Optional;

/** The life of an appointment. Agents move it forward; the citizen can only cancel a booked one. */
public enum AppointmentStatus {

	BOOKED, CHECKED_IN, COMPLETED, NO_SHOW, CANCELLED, CANCELLED_BY_CONSULATE;

	/** What an agent may set, and the one status it may be set from. */
	private static final Map<AppointmentStatus, AppointmentStatus> AGENT_TRANSITIONS = Map.of(
			CHECKED_IN, BOOKED,
			COMPLETED, CHECKED_IN,
			NO_SHOW, BOOKED,
			CANCELLED_BY_CONSULATE, BOOKED);

	public static Optional<AppointmentStatus> agentTransitionSource(AppointmentStatus target) {
		return Optional.ofNullable(AGENT_TRANSITIONS.get(target));
	}

	public boolean returnsSeat() {
		return this == CANCELLED || this == CANCELLED_BY_CONSULATE;
	}

}
