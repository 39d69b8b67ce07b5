package ma.moncompte.requests.internal;

import java.net.URI;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import ma.moncompte.accounts.CurrentUser;
import ma.moncompte.booking.SeatHolds;
import ma.moncompte.directory.Consulate;
import ma.moncompte.directory.Directory;
import ma.moncompte.payments.PaymentOrder;
import ma.moncompte.payments.PaymentStart;
import ma.moncompte.payments.Payments;
import ma.moncompte.requests.RequestStatus;
import ma.moncompte.requests.internal.RequestCatalog.OfferedType;
import ma.moncompte.requests.internal.RequestCatalog.RequestType;
import ma.moncompte.requests.internal.TransitionCommand.Actor;
import ma.moncompte.support.ApiProblem;
import ma.moncompte.support.PortalProperties;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What a citizen does with their requests. Each method runs in a transaction the caller opens; another
 * citizen's request is reported as missing.
 */
@Component
class CitizenRequests {

	private final ServiceRequestRepository requests;

	private final DocumentRepository documents;

	private final RequestCatalog catalog;

	private final Directory directory;

	private final FieldValidator validator;

	private final RequestTransitions transitions;

	private final Payments payments;

	private final SeatHolds seatHolds;

	private final PortalProperties portal;

	CitizenRequests(ServiceRequestRepository requests, DocumentRepository documents, RequestCatalog catalog,
			Directory directory, FieldValidator validator, RequestTransitions transitions, Payments payments,
			SeatHolds seatHolds, PortalProperties portal) {
		this.requests = requests;
		this.documents = documents;
		this.catalog = catalog;
		this.directory = directory;
		this.validator = validator;
		this.transitions = transitions;
		this.payments = payments;
		this.seatHolds = seatHolds;
		this.portal = portal;
	}

	Mono<ServiceRequest> create(CurrentUser citizen, String typeCode, String consulateCode, Map<String, Object> fields) {
		RequestType type = this.catalog.type(typeCode)
			.orElseThrow(() -> ApiProblem.badRequest("unknown-request-type", "Unknown request type",
					"The type must be one of the codes listed at /api/v1/request-types."));
		Consulate consulate = this.directory.consulate(consulateCode)
			.orElseThrow(() -> ApiProblem.badRequest("unknown-consulate", "Unknown consulate",
					"The consulate must be one of the codes listed at /api/v1/consulates."));
		offered(type, consulate);
		invalidIfAny(this.validator.validateValues(type, fields));
		return this.requests.insertDraft(citizen.accountId(), consulate.code(), type.code(), fields);
	}

	Mono<ServiceRequest> own(CurrentUser citizen, UUID id) {
		return this.requests.findById(id)
			.filter(request -> request.accountId().equals(citizen.accountId()))
			.switchIfEmpty(Mono.error(RequestProblems::notFound));
	}

	Mono<ServiceRequest> update(CurrentUser citizen, UUID id, Map<String, Object> patch) {
		return own(citizen, id).flatMap(request -> {
			if (!request.status().isEditableByCitizen()) {
				return Mono.error(RequestProblems.notEditable(request.status()));
			}
			invalidIfAny(this.validator.validateValues(type(request), patch));
			return this.requests.patchFields(id, citizen.accountId(), patch)
				.switchIfEmpty(Mono.defer(() -> own(citizen, id)
					.flatMap(now -> Mono.error(RequestProblems.notEditable(now.status())))));
		});
	}

	Mono<ServiceRequest> submit(CurrentUser citizen, UUID id) {
		return own(citizen, id).flatMap(request -> {
			if (request.status() != RequestStatus.DRAFT) {
				return Mono.error(RequestProblems.illegalTransition(request.status(), RequestStatus.SUBMITTED,
						Lifecycle.SUBMITTABLE));
			}
			RequestType type = type(request);
			OfferedType offered = offered(type, consulate(request));
			TransitionCommand submit = TransitionCommand
				.of(id, Lifecycle.SUBMITTABLE, RequestStatus.SUBMITTED, Actor.CITIZEN, citizen.accountId())
				.ownedBy(citizen.accountId())
				.freezingFee(offered.fee())
				.requiring(type.requiredFields(), type.requiredDocuments());
			return complete(type, request)
				.then(this.transitions.applyOrExplain(submit))
				.flatMap(done -> offered.fee().amountMinor() > 0 ? Mono.just(done.request())
						// Nothing to pay: straight to the post's review.
						: this.transitions.applyOrExplain(TransitionCommand
							.of(id, Set.of(RequestStatus.SUBMITTED), RequestStatus.UNDER_REVIEW, Actor.SYSTEM, null))
							.map(ServiceRequestRepository.Transitioned::request));
		});
	}

	/** The citizen sends back a request the post asked more information for. */
	Mono<ServiceRequest> respond(CurrentUser citizen, UUID id, String message) {
		return own(citizen, id).flatMap(request -> {
			if (!Lifecycle.ANSWERABLE.contains(request.status())) {
				return Mono.error(RequestProblems.illegalTransition(request.status(), RequestStatus.UNDER_REVIEW,
						Lifecycle.ANSWERABLE));
			}
			RequestType type = type(request);
			return complete(type, request)
				.then(this.transitions.applyOrExplain(TransitionCommand
					.of(id, Lifecycle.ANSWERABLE, RequestStatus.UNDER_REVIEW, Actor.CITIZEN, citizen.accountId())
					.ownedBy(citizen.accountId())
					.withMessage(message)
					.requiring(type.requiredFields(), type.requiredDocuments())))
				.map(ServiceRequestRepository.Transitioned::request);
		});
	}

	Mono<ServiceRequest> withdraw(CurrentUser citizen, UUID id, String reason) {
		return this.transitions
			.applyOrExplain(TransitionCommand
				.of(id, Lifecycle.WITHDRAWABLE, RequestStatus.WITHDRAWN, Actor.CITIZEN, citizen.accountId())
				.ownedBy(citizen.accountId())
				.withMessage(reason))
			.map(ServiceRequestRepository.Transitioned::request);
	}

	/**
	 * Opens the payment of a submitted request (or returns the one in progress) and marks the request as
	 * waiting for it. The payment is written before the request, in the same order as the provider's
	 * callback takes them, so the two never wait on each other.
	 */
	Mono<PaymentStart> pay(CurrentUser citizen, UUID id) {
		return own(citizen, id).flatMap(request -> {
			if (!Lifecycle.PAYABLE.contains(request.status())) {
				return Mono.error(ApiProblem.conflict("not-payable", "Nothing to pay",
						"A request in status " + request.status() + " cannot be paid.")
					.with("currentStatus", request.status().name()));
			}
			if (request.feeMinor() == null || request.feeMinor() <= 0) {
				return Mono.error(ApiProblem.conflict("not-payable", "Nothing to pay", "This request has no fee."));
			}
			String description = type(request).name(citizen.preferredLanguage()) + " – " + request.reference();
			PaymentOrder order = new PaymentOrder(citizen.accountId(), RequestViews.PAYMENT_SUBJECT, request.id(),
					request.reference(), description, request.feeMinor(), Currency.getInstance(request.currency()),
					URI.create(this.portal.link("/#requests/" + request.id())));
			return this.payments.start(order).flatMap(started -> request.status() != RequestStatus.SUBMITTED
					? Mono.just(started)
					: this.transitions
						.apply(TransitionCommand
							.of(id, Set.of(RequestStatus.SUBMITTED), RequestStatus.PAYMENT_PENDING, Actor.CITIZEN,
									citizen.accountId())
							.ownedBy(citizen.accountId()))
						.map(done -> started)
						// A concurrent attempt may have moved it first; anything else means it moved on.
						.switchIfEmpty(Mono.defer(() -> own(citizen, id).flatMap(now -> now.status() == RequestStatus.PAYMENT_PENDING
								? Mono.just(started)
								: Mono.error(ApiProblem.conflict("not-payable", "Nothing to pay",
										"A request in status " + now.status() + " cannot be paid."))))));
		});
	}

	/** Books the offered appointment in the seat the post holds for the citizen. */
	Mono<ServiceRequest> confirmAppointment(CurrentUser citizen, UUID id) {
		return own(citizen, id).flatMap(request -> {
			if (request.status() != RequestStatus.APPOINTMENT_OFFERED || request.seatHoldId() == null) {
				return Mono.error(ApiProblem.conflict("no-appointment-offer", "No appointment offered",
						"This request has no appointment offer to confirm.")
					.with("currentStatus", request.status().name()));
			}
			if (request.appointmentId() != null) {
				return Mono.error(ApiProblem.conflict("already-confirmed", "Already confirmed",
						"This appointment offer was already confirmed."));
			}
			return this.seatHolds.confirm(request.seatHoldId(), citizen.accountId())
				.flatMap(seat -> this.requests.attachAppointment(id, citizen.accountId(), request.seatHoldId(),
						seat.appointmentId(), seat.reference()))
				.switchIfEmpty(Mono.error(() -> ApiProblem.conflict("offer-changed", "Offer changed",
						"The consulate changed this offer meanwhile; look at the request again.")));
		});
	}

	/** Fails with a 422 listing what is missing or invalid before the request can go to the post. */
	private Mono<Void> complete(RequestType type, ServiceRequest request) {
		return this.documents.findByRequest(request.id()).collectList().flatMap(uploaded -> {
			RequestViews.Checklist checklist = RequestViews.checklist(type, request, uploaded);
			List<FieldValidator.FieldError> invalid = this.validator.validateForm(type, request.fields());
			if (checklist.missingFields().isEmpty() && checklist.missingDocuments().isEmpty() && invalid.isEmpty()) {
				return Mono.empty();
			}
			return Mono.error(ApiProblem.unprocessable("request-incomplete", "Request incomplete",
					"Some required fields or documents are missing or invalid.")
				.with("missingFields", checklist.missingFields())
				.with("missingDocuments", checklist.missingDocuments())
				.with("invalidFields", invalid));
		});
	}

	private RequestType type(ServiceRequest request) {
		return this.catalog.type(request.typeCode())
			.orElseThrow(() -> new IllegalStateException("Request " + request.id() + " has a type no longer in the catalog"));
	}

	private Consulate consulate(ServiceRequest request) {
		return this.directory.consulate(request.consulateCode()).orElseThrow();
	}

	private OfferedType offered(RequestType type, Consulate consulate) {
		return this.catalog.offered(type, consulate)
			.orElseThrow(() -> ApiProblem.unprocessable("not-offered", "Not offered at this post",
					consulate.code() + " does not offer " + type.code() + "."));
	}

	private static void invalidIfAny(List<FieldValidator.FieldError> errors) {
		if (!errors.isEmpty()) {
			throw ApiProblem.badRequest("validation-failed", "Validation failed", "Some fields are invalid.")
				.with("errors", errors);
		}
	}

}
