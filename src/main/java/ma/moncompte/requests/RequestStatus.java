package ma.moncompte.requests;

import java.util.Set;

/**
 * The life of a service request. The main path is DRAFT, SUBMITTED, PAYMENT_PENDING, PAID,
 * UNDER_REVIEW, APPROVED, then APPOINTMENT_OFFERED, READY_FOR_COLLECTION or DISPATCHED, then COMPLETED.
 * Review may ask for more information (and come back when the citizen answers); a request may also end
 * REJECTED or WITHDRAWN.
 */
public enum RequestStatus {

	DRAFT, SUBMITTED, PAYMENT_PENDING, PAID, UNDER_REVIEW, ADDITIONAL_INFO_REQUIRED, APPROVED, APPOINTMENT_OFFERED,
	READY_FOR_COLLECTION, DISPATCHED, COMPLETED, REJECTED, WITHDRAWN;

	private static final Set<RequestStatus> TERMINAL = Set.of(COMPLETED, REJECTED, WITHDRAWN);

	public boolean isTerminal() {
		return TERMINAL.contains(this);
	}

	/** Whether the citizen may still change the form and the documents. */
	public boolean isEditableByCitizen() {
		return this == DRAFT || this == ADDITIONAL_INFO_REQUIRED;
	}

}
