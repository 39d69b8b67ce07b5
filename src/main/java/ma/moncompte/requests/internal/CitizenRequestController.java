package ma.moncompte.requests.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import ma.moncompte.accounts.CurrentUser;
import ma.moncompte.payments.PaymentStatus;
import ma.moncompte.payments.PaymentView;
import ma.moncompte.support.ApiProblem;
import ma.moncompte.support.IdempotentRequests;
import ma.moncompte.support.IdempotentRequests.StoredResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/me/requests")
class CitizenRequestController {

	private static final String PAYMENT_SCOPE = "request-payment";

	private final CitizenRequests requests;

	private final ServiceRequestRepository repository;

	private final RequestViews views;

	private final DocumentUploads uploads;

	private final DocumentRepository documents;

	private final DocumentDownloads downloads;

	private final IdempotentRequests idempotency;

	private final TransactionalOperator transactions;

	private final JsonMapper json;

	CitizenRequestController(CitizenRequests requests, ServiceRequestRepository repository, RequestViews views,
			DocumentUploads uploads, DocumentRepository documents, DocumentDownloads downloads,
			IdempotentRequests idempotency, TransactionalOperator transactions, JsonMapper json) {
		this.requests = requests;
		this.repository = repository;
		this.views = views;
		this.uploads = uploads;
		this.documents = documents;
		this.downloads = downloads;
		this.idempotency = idempotency;
		this.transactions = transactions;
		this.json = json;
	}

	/** @param fields form values by field name, as {@code GET /api/v1/request-types} describes them */
	record NewRequest(@NotBlank @Size(max = 50) String type, @NotBlank @Size(max = 20) String consulate,
			Map<String, Object> fields) {
	}

	/** A JSON merge patch of the form: a value sets a field, {@code null} clears it. */
	record FieldsPatch(@NotNull Map<String, Object> fields) {
	}

	record Message(@Size(max = 2000) String message) {
	}

	record PaymentCreated(UUID id, PaymentStatus status, long amountMinor, String currency, String redirectUrl) {

		static PaymentCreated of(PaymentView payment) {
			return new PaymentCreated(payment.id(), payment.status(), payment.amountMinor(), payment.currency(),
					payment.redirectUrl());
		}

	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Start a request as a draft; drafts are kept server-side until submitted")
	Mono<RequestViews.RequestView> create(@AuthenticationPrincipal CurrentUser citizen,
			@Valid @RequestBody NewRequest request) {
		Map<String, Object> fields = request.fields() == null ? Map.of() : request.fields();
		return Mono.defer(() -> this.requests.create(citizen, request.type(), request.consulate(), fields))
			.flatMap(created -> this.views.forCitizen(created, citizen.preferredLanguage()));
	}

	@GetMapping
	Flux<RequestViews.RequestSummary> list(@AuthenticationPrincipal CurrentUser citizen) {
		return this.repository.findByAccount(citizen.accountId()).map(RequestViews.RequestSummary::of);
	}

	@GetMapping("/{id}")
	Mono<RequestViews.RequestView> one(@AuthenticationPrincipal CurrentUser citizen, @PathVariable UUID id) {
		return this.requests.own(citizen, id).flatMap(request -> this.views.forCitizen(request, citizen.preferredLanguage()));
	}

	@PatchMapping("/{id}")
	Mono<RequestViews.RequestView> update(@AuthenticationPrincipal CurrentUser citizen, @PathVariable UUID id,
			@Valid @RequestBody FieldsPatch patch) {
		Map<String, Object> fields = new LinkedHashMap<>(patch.fields());
		return view(citizen, this.requests.update(citizen, id, fields));
	}

	@PostMapping("/{id}/submit")
	Mono<RequestViews.RequestView> submit(@AuthenticationPrincipal CurrentUser citizen, @PathVariable UUID id) {
		return view(citizen, this.requests.submit(citizen, id));
	}

	@PostMapping("/{id}/respond")
	@Operation(summary = "Send a request back to the post after completing what it asked for")
	Mono<RequestViews.RequestView> respond(@AuthenticationPrincipal CurrentUser citizen, @PathVariable UUID id,
			@Valid @RequestBody(required = false) Message message) {
		return view(citizen, this.requests.respond(citizen, id, message == null ? null : blankToNull(message.message())));
	}

	@PostMapping("/{id}/withdraw")
	Mono<RequestViews.RequestView> withdraw(@AuthenticationPrincipal CurrentUser citizen, @PathVariable UUID id,
			@Valid @RequestBody(required = false) Message reason) {
		return view(citizen, this.requests.withdraw(citizen, id, reason == null ? null : blankToNull(reason.message())));
	}

	@PostMapping("/{id}/appointment/confirm")
	Mono<RequestViews.RequestView> confirmAppointment(@AuthenticationPrincipal CurrentUser citizen,
			@PathVariable UUID id) {
		return view(citizen, this.requests.confirmAppointment(citizen, id));
	}

	@PostMapping(path = "/{id}/documents", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Upload a supporting document: multipart parts 'kind' and 'file' (JPEG, PNG or PDF)")
	Mono<RequestViews.DocumentView> upload(@AuthenticationPrincipal CurrentUser citizen, @PathVariable UUID id,
			ServerWebExchange exchange) {
		return this.uploads.upload(citizen.accountId(), id, exchange.getRequest());
	}

	@GetMapping("/{id}/documents/{documentId}")
	Mono<ResponseEntity<Flux<DataBuffer>>> download(@AuthenticationPrincipal CurrentUser citizen,
			@PathVariable UUID id, @PathVariable UUID documentId) {
		return this.requests.own(citizen, id)
			.flatMap(request -> this.documents.find(request.id(), documentId))
			.switchIfEmpty(Mono.error(() -> ApiProblem.notFound("document-not-found", "There is no such document.")))
			.map(this.downloads::download);
	}

	@DeleteMapping("/{id}/documents/{documentId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	Mono<Void> deleteDocument(@AuthenticationPrincipal CurrentUser citizen, @PathVariable UUID id,
			@PathVariable UUID documentId) {
		return this.requests.own(citizen, id)
			.flatMap(request -> request.status().isEditableByCitizen()
					? this.documents.delete(id, citizen.accountId(), documentId)
					: Mono.error(RequestProblems.notEditable(request.status())))
			.flatMap(deleted -> deleted ? Mono.<Void>empty()
					: Mono.error(ApiProblem.notFound("document-not-found", "There is no such document.")));
	}

	/**
	 * Pays a submitted request through the provider's hosted page. Requires an Idempotency-Key: a retry
	 * with the same key gets the first answer back, and never a second payment.
	 */
	@PostMapping("/{id}/payments")
	@Operation(summary = "Start the online payment of a submitted request (Idempotency-Key required)")
	Mono<ResponseEntity<String>> pay(@AuthenticationPrincipal CurrentUser citizen, @PathVariable UUID id,
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
		if (idempotencyKey == null) {
			return Mono.error(ApiProblem.badRequest("idempotency-key-required", "Idempotency-Key required",
					"Send an Idempotency-Key header (for example a random UUID) so that a retry never pays twice."));
		}
		return this.idempotency
			.once(citizen.accountId(), PAYMENT_SCOPE, idempotencyKey, "request:" + id,
					() -> this.requests.pay(citizen, id)
						.map(started -> new StoredResponse(started.created() ? 201 : 200,
								MediaType.APPLICATION_JSON_VALUE,
								this.json.writeValueAsString(PaymentCreated.of(started.payment())))))
			.as(this.transactions::transactional)
			.map(stored -> ResponseEntity.status(stored.status())
				.contentType(MediaType.parseMediaType(stored.contentType()))
				.body(stored.body()));
	}

	private Mono<RequestViews.RequestView> view(CurrentUser citizen, Mono<ServiceRequest> change) {
		return change.as(this.transactions::transactional)
			.flatMap(request -> this.views.forCitizen(request, citizen.preferredLanguage()));
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.trim();
	}

}
