package ma.moncompte.requests.internal;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import ma.moncompte.accounts.CurrentUser;
import ma.moncompte.requests.RequestStatus;
import ma.moncompte.support.ApiProblem;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
class AgentRequestController {

	private final AgentRequests requests;

	private final RequestViews views;

	private final DocumentRepository documents;

	private final DocumentDownloads downloads;

	private final TransactionalOperator transactions;

	AgentRequestController(AgentRequests requests, RequestViews views, DocumentRepository documents,
			DocumentDownloads downloads, TransactionalOperator transactions) {
		this.requests = requests;
		this.views = views;
		this.documents = documents;
		this.downloads = downloads;
		this.transactions = transactions;
	}

	/**
	 * @param message what is needed (ADDITIONAL_INFO_REQUIRED) or why it is rejected (REJECTED)
	 * @param slotId the slot to hold a seat in (APPOINTMENT_OFFERED)
	 */
	record TransitionRequest(@NotNull RequestStatus to, @Size(max = 2000) String message, UUID slotId) {
	}

	/** The post's queue, oldest submission first. */
	@GetMapping("/api/v1/agent/consulates/{code}/requests")
	Mono<AgentRequests.Page> queue(@AuthenticationPrincipal CurrentUser agent, @PathVariable String code,
			@RequestParam(required = false) String status, @RequestParam(required = false) String type,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
		return Mono.defer(() -> this.requests.queue(agent, code, status, type, page, size));
	}

	@GetMapping("/api/v1/agent/requests/{id}")
	Mono<RequestViews.RequestView> one(@AuthenticationPrincipal CurrentUser agent, @PathVariable UUID id) {
		return this.requests.visible(agent, id).flatMap(request -> this.views.forAgent(request, agent.preferredLanguage()));
	}

	@PostMapping("/api/v1/agent/requests/{id}/transitions")
	Mono<RequestViews.RequestView> transition(@AuthenticationPrincipal CurrentUser agent, @PathVariable UUID id,
			@Valid @RequestBody TransitionRequest request) {
		return Mono.defer(() -> this.requests.transition(agent, id, request.to(), request.message(), request.slotId()))
			.as(this.transactions::transactional)
			.flatMap(changed -> this.views.forAgent(changed, agent.preferredLanguage()));
	}

	@GetMapping("/api/v1/agent/requests/{id}/documents/{documentId}")
	Mono<ResponseEntity<Flux<DataBuffer>>> download(@AuthenticationPrincipal CurrentUser agent, @PathVariable UUID id,
			@PathVariable UUID documentId) {
		return this.requests.visible(agent, id)
			.flatMap(request -> this.documents.find(request.id(), documentId))
			.switchIfEmpty(Mono.error(() -> ApiProblem.notFound("document-not-found", "There is no such document.")))
			.map(this.downloads::download);
	}

}
