package ma.moncompte.requests.internal;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import ma.moncompte.requests.RequestStatus;

import static ma.moncompte.requests.RequestStatus.ADDITIONAL_INFO_REQUIRED;
import static ma.moncompte.requests.RequestStatus.APPOINTMENT_OFFERED;
import static ma.moncompte.requests.RequestStatus.APPROVED;
import static ma.moncompte.requests.RequestStatus.COMPLETED;
import static ma.moncompte.requests.RequestStatus.DISPATCHED;
import static ma.moncompte.requests.RequestStatus.DRAFT;
import static ma.moncompte.requests.RequestStatus.PAID;
import static ma.moncompte.requests.RequestStatus.PAYMENT_PENDING;
import static ma.moncompte.requests.RequestStatus.READY_FOR_COLLECTION;
import static ma.moncompte.requests.RequestStatus.REJECTED;
import static ma.moncompte.requests.RequestStatus.SUBMITTED;
import static ma.moncompte.requests.RequestStatus.UNDER_REVIEW;

/** Who may move a request where, and from which statuses. Everything not listed here is illegal (409). */
final class Lifecycle {

	/** What an agent may set, and the statuses it may be set from. */
	private static final Map<RequestStatus, Set<RequestStatus>> AGENT = Map.of(
			ADDITIONAL_INFO_REQUIRED, EnumSet.of(UNDER_REVIEW),
			APPROVED, EnumSet.of(UNDER_REVIEW),
			REJECTED, EnumSet.of(UNDER_REVIEW, ADDITIONAL_INFO_REQUIRED),
			// An offer can be replaced (the citizen cannot come, or the hold expired) until it is confirmed.
			APPOINTMENT_OFFERED, EnumSet.of(APPROVED, APPOINTMENT_OFFERED),
			READY_FOR_COLLECTION, EnumSet.of(APPROVED),
			DISPATCHED, EnumSet.of(APPROVED),
			COMPLETED, EnumSet.of(APPOINTMENT_OFFERED, READY_FOR_COLLECTION, DISPATCHED));

	/** Transitions that must say why. */
	static final Set<RequestStatus> MESSAGE_REQUIRED = EnumSet.of(ADDITIONAL_INFO_REQUIRED, REJECTED);

	static final Set<RequestStatus> SUBMITTABLE = EnumSet.of(DRAFT);

	static final Set<RequestStatus> PAYABLE = EnumSet.of(SUBMITTED, PAYMENT_PENDING);

	static final Set<RequestStatus> ANSWERABLE = EnumSet.of(ADDITIONAL_INFO_REQUIRED);

	/** Once approved, the post has done the work: the request can no longer be withdrawn. */
	static final Set<RequestStatus> WITHDRAWABLE = EnumSet.of(DRAFT, SUBMITTED, PAYMENT_PENDING, PAID, UNDER_REVIEW,
			ADDITIONAL_INFO_REQUIRED);

	private Lifecycle() {
	}

	static Optional<Set<RequestStatus>> agentSources(RequestStatus target) {
		return Optional.ofNullable(AGENT.get(target));
	}

	static Set<RequestStatus> agentTargets() {
		return AGENT.keySet();
	}

}
