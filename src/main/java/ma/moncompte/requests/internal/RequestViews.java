package ma.moncompte.requests.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import ma.moncompte.accounts.AccountDirectory;
import ma.moncompte.directory.Consulate;
import ma.moncompte.directory.Directory;
import ma.moncompte.payments.PaymentStatus;
import ma.moncompte.payments.Payments;
import ma.moncompte.requests.RequestStatus;
import ma.moncompte.requests.internal.RequestCatalog.Money;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** What citizens and agents see of a request. */
@Component
class RequestViews {

	static final String PAYMENT_SUBJECT = "request";

	private final ServiceRequestRepository requests;

	private final DocumentRepository documents;

	private final RequestCatalog catalog;

	private final Directory directory;

	private final Payments payments;

	private final AccountDirectory accounts;

	RequestViews(ServiceRequestRepository requests, DocumentRepository documents, RequestCatalog catalog,
			Directory directory, Payments payments, AccountDirectory accounts) {
		this.requests = requests;
		this.documents = documents;
		this.catalog = catalog;
		this.directory = directory;
		this.payments = payments;
		this.accounts = accounts;
	}

	record DocumentView(UUID id, String kind, String contentType, long sizeBytes, String sha256, String filename,
			Integer width, Integer height, Instant uploadedAt) {

		static DocumentView of(DocumentRepository.Document d) {
			return new DocumentView(d.id(), d.kind(), d.contentType(), d.sizeBytes(), d.sha256(), d.filename(),
					d.width(), d.height(), d.uploadedAt());
		}

	}

	record HistoryView(RequestStatus from, RequestStatus to, String actor, String message, Instant at) {
	}

	/** @param confirmBefore the seat is released if the citizen has not confirmed by then */
	record AppointmentView(OffsetDateTime start, OffsetDateTime end, Instant confirmBefore, boolean confirmed,
			UUID appointmentId, String appointmentReference) {
	}

	/** What is still missing before the request can be submitted (or sent back). */
	record Checklist(List<String> missingFields, List<String> missingDocuments) {
	}

	record PaymentSummary(UUID id, PaymentStatus status, long amountMinor, String currency, String receiptNumber,
			String redirectUrl, Instant createdAt) {
	}

	record CitizenView(UUID id, String firstName, String lastName, String email) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record RequestView(UUID id, String reference, String type, String typeName, String consulate, RequestStatus status,
			Map<String, Object> fields, Money fee, String statusMessage, AppointmentView appointment,
			List<DocumentView> documents, List<HistoryView> history, Checklist checklist, List<PaymentSummary> payments,
			CitizenView citizen, Instant createdAt, Instant updatedAt, Instant submittedAt, Instant completedAt) {
	}

	record RequestSummary(UUID id, String reference, String type, String consulate, RequestStatus status,
			Instant createdAt, Instant submittedAt, Instant updatedAt) {

		static RequestSummary of(ServiceRequest r) {
			return new RequestSummary(r.id(), r.reference(), r.typeCode(), r.consulateCode(), r.status(), r.createdAt(),
					r.submittedAt(), r.updatedAt());
		}

	}

	Mono<RequestView> forCitizen(ServiceRequest request, String language) {
		return full(request, language, null);
	}

	Mono<RequestView> forAgent(ServiceRequest request, String language) {
		return this.accounts.findById(request.accountId())
			.map(a -> new CitizenView(a.id(), a.firstName(), a.lastName(), a.email()))
			.defaultIfEmpty(new CitizenView(request.accountId(), null, null, null))
			.flatMap(citizen -> full(request, language, citizen));
	}

	private Mono<RequestView> full(ServiceRequest request, String language, CitizenView citizen) {
		Mono<List<DocumentRepository.Document>> docs = this.documents.findByRequest(request.id()).collectList();
		Mono<List<HistoryView>> history = this.requests.history(request.id())
			.map(h -> new HistoryView(h.from(), h.to(), h.actor(), h.message(), h.at()))
			.collectList();
		Mono<List<PaymentSummary>> paid = this.payments.forSubject(PAYMENT_SUBJECT, request.id())
			.map(p -> new PaymentSummary(p.id(), p.status(), p.amountMinor(), p.currency(), p.receiptNumber(),
					p.status() == PaymentStatus.PENDING ? p.redirectUrl() : null, p.createdAt()))
			.collectList();
		return Mono.zip(docs, history, paid).map(parts -> {
			RequestCatalog.RequestType type = this.catalog.type(request.typeCode()).orElse(null);
			List<DocumentView> documentViews = parts.getT1().stream().map(DocumentView::of).toList();
			Checklist checklist = request.status().isEditableByCitizen() && type != null
					? checklist(type, request, parts.getT1()) : null;
			return new RequestView(request.id(), request.reference(), request.typeCode(),
					type == null ? request.typeCode() : type.name(language), request.consulateCode(), request.status(),
					request.fields(), fee(request, type), request.statusMessage(), appointment(request), documentViews,
					parts.getT2(), checklist, parts.getT3(), citizen, request.createdAt(), request.updatedAt(),
					request.submittedAt(), request.completedAt());
		});
	}

	static Checklist checklist(RequestCatalog.RequestType type, ServiceRequest request,
			List<DocumentRepository.Document> uploaded) {
		Set<String> kinds = uploaded.stream().map(DocumentRepository.Document::kind).collect(java.util.stream.Collectors.toSet());
		return new Checklist(type.requiredFields().stream().filter(name -> request.fields().get(name) == null).toList(),
				type.requiredDocuments().stream().filter(kind -> !kinds.contains(kind)).toList());
	}

	/** The frozen fee once submitted; while a draft, what the post charges today. */
	private Money fee(ServiceRequest request, RequestCatalog.RequestType type) {
		if (request.feeMinor() != null) {
			return new Money(request.feeMinor(), request.currency());
		}
		if (type == null) {
			return null;
		}
		return this.directory.consulate(request.consulateCode())
			.flatMap(consulate -> this.catalog.offered(type, consulate))
			.map(RequestCatalog.OfferedType::fee)
			.orElse(null);
	}

	private AppointmentView appointment(ServiceRequest request) {
		if (request.seatHoldId() == null) {
			return null;
		}
		ZoneId zone = this.directory.consulate(request.consulateCode()).map(Consulate::timeZone).orElse(ZoneId.of("UTC"));
		return new AppointmentView(request.offeredStart().atZone(zone).toOffsetDateTime(),
				request.offeredEnd().atZone(zone).toOffsetDateTime(), request.offerExpiresAt(),
				request.appointmentId() != null, request.appointmentId(), request.appointmentReference());
	}

}
