package ma.moncompte.requests.internal;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import ma.moncompte.accounts.CurrentUser;
import ma.moncompte.booking.SeatHolds;
import ma.moncompte.directory.Consulate;
import ma.moncompte.directory.Directory;
import ma.moncompte.requests.RequestStatus;
import ma.moncompte.requests.internal.TransitionCommand.Actor;
import ma.moncompte.support.ApiProblem;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The back office. Agents act for their own post only (another post is 403); drafts are the citizen's
 * alone and do not exist for agents. Each method runs in a transaction the caller opens.
 */
@Component
class AgentRequests {

	private final ServiceRequestRepository requests;

	private final RequestCatalog catalog;

	private final Directory directory;

	private final RequestTransitions transitions;

	private final SeatHolds seatHolds;

	private final RequestsProperties properties;

	AgentRequests(ServiceRequestRepository requests, RequestCatalog catalog, Directory directory,
			RequestTransitions transitions, SeatHolds seatHolds, RequestsProperties properties) {
		this.requests = requests;
		this.catalog = catalog;
		this.directory = directory;
		this.transitions = transitions;
		this.seatHolds = seatHolds;
		this.properties = properties;
	}

	record Page(List<RequestViews.RequestSummary> items, int page, int size, long totalItems, long totalPages) {
	}

	Mono<Page> queue(CurrentUser agent, String consulateCode, String status, String type, int page, int size) {
		Consulate consulate = post(agent, consulateCode);
		RequestStatus statusFilter = status == null || status.isBlank() ? null : parseStatus(status);
		String typeFilter = type == null || type.isBlank() ? null
				: this.catalog.type(type)
					.orElseThrow(() -> ApiProblem.badRequest("unknown-request-type", "Unknown request type",
							"The type must be one of the codes listed at /api/v1/request-types."))
					.code();
		if (page < 0 || size < 1 || size > this.properties.maxPageSize()) {
			throw ApiProblem.badRequest("invalid-page", "Invalid page",
					"page must be 0 or more, and size between 1 and " + this.properties.maxPageSize() + ".");
		}
		ServiceRequestRepository.QueueFilter filter = new ServiceRequestRepository.QueueFilter(consulate.code(),
				statusFilter, typeFilter);
		return Mono.zip(this.requests.queue(filter, size, (long) page * size).map(RequestViews.RequestSummary::of).collectList(),
				this.requests.countQueue(filter))
			.map(parts -> new Page(parts.getT1(), page, size, parts.getT2(), (parts.getT2() + size - 1) / size));
	}

	Mono<ServiceRequest> visible(CurrentUser agent, UUID id) {
		return this.requests.findById(id)
			.filter(request -> request.status() != RequestStatus.DRAFT)
			.switchIfEmpty(Mono.error(RequestProblems::notFound))
			.flatMap(request -> agent.actsFor(request.consulateCode()) ? Mono.just(request)
					: Mono.error(otherPost()));
	}

	Mono<ServiceRequest> transition(CurrentUser agent, UUID id, RequestStatus target, String message, UUID slotId) {
		Set<RequestStatus> sources = Lifecycle.agentSources(target)
			.orElseThrow(() -> ApiProblem.badRequest("invalid-transition-target", "Invalid target",
					"Agents can move a request to " + String.join(", ",
							Lifecycle.agentTargets().stream().map(Enum::name).sorted().toList()) + ".")
				.with("allowed", Lifecycle.agentTargets().stream().map(Enum::name).sorted().toList()));
		String text = message == null || message.isBlank() ? null : message.trim();
		if (text == null && Lifecycle.MESSAGE_REQUIRED.contains(target)) {
			throw ApiProblem.badRequest("message-required", "Message required",
					"Say what is needed, or why the request is rejected, in 'message'.");
		}
		if (slotId != null && target != RequestStatus.APPOINTMENT_OFFERED) {
			throw ApiProblem.badRequest("unexpected-slot", "Unexpected slot", "A slot goes with APPOINTMENT_OFFERED only.");
		}
		return visible(agent, id).flatMap(request -> {
			if (!sources.contains(request.status())) {
				return Mono.error(RequestProblems.illegalTransition(request.status(), target, sources));
			}
			TransitionCommand command = TransitionCommand.of(id, sources, target, Actor.AGENT, agent.accountId())
				.atPost(request.consulateCode())
				.withMessage(text);
			if (target == RequestStatus.APPOINTMENT_OFFERED) {
				return offerAppointment(request, command, slotId);
			}
			return this.transitions.applyOrExplain(command).map(ServiceRequestRepository.Transitioned::request);
		});
	}

	/**
	 * Holds a seat of the slot for the citizen, then moves the request, in the caller's transaction: if
	 * the move is refused, the hold rolls back with it. A replaced offer gives its seat back.
	 */
	private Mono<ServiceRequest> offerAppointment(ServiceRequest request, TransitionCommand command, UUID slotId) {
		RequestCatalog.RequestType type = this.catalog.type(request.typeCode()).orElseThrow();
		if (!type.appointmentFollows()) {
			return Mono.error(ApiProblem.conflict("no-appointment-for-type", "No appointment for this type",
					type.code() + " is collected or sent without an appointment."));
		}
		if (slotId == null) {
			return Mono.error(ApiProblem.badRequest("slot-required", "Slot required",
					"Offering an appointment needs the slotId of one of the post's " + type.appointmentService()
							+ " slots."));
		}
		if (request.appointmentId() != null) {
			return Mono.error(ApiProblem.conflict("appointment-confirmed", "Appointment confirmed",
					"The citizen already confirmed the appointment offered."));
		}
		Instant until = Instant.now().plus(this.properties.appointmentOfferTtl());
		return this.seatHolds
			.hold(request.accountId(), slotId, request.consulateCode(), type.appointmentService(), until)
			.flatMap(hold -> this.transitions
				.applyOrExplain(command.offering(new TransitionCommand.Offer(hold.id(), hold.start().toInstant(),
						hold.end().toInstant(), hold.expiresAt())))
				.flatMap(done -> done.previousHoldId() != null && !done.previousHoldId().equals(hold.id())
						? this.seatHolds.release(done.previousHoldId()).thenReturn(done.request())
						: Mono.just(done.request())));
	}

	private Consulate post(CurrentUser agent, String code) {
		Consulate consulate = this.directory.consulate(code)
			.orElseThrow(() -> ApiProblem.notFound("consulate-not-found", "There is no consulate " + code + "."));
		if (!agent.actsFor(consulate.code())) {
			throw otherPost();
		}
		return consulate;
	}

	private static ApiProblem otherPost() {
		return ApiProblem.forbidden("other-consulate", "You can act only for your own consulate.");
	}

	private static RequestStatus parseStatus(String status) {
		try {
			return RequestStatus.valueOf(status.trim().toUpperCase(java.util.Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw ApiProblem.badRequest("unknown-status", "Unknown status",
					"status must be one of " + String.join(", ",
							java.util.Arrays.stream(RequestStatus.values()).map(Enum::name).toList()) + ".");
		}
	}

}
