package ma.moncompte.requests.internal;

import ma.moncompte.accounts.AccountDirectory;
import ma.moncompte.notifications.Mailer;
import ma.moncompte.requests.RequestStatusChanged;
import ma.moncompte.streams.EventLog;
import ma.moncompte.support.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Applies status changes: the change and its history row in one statement, then the citizen's mail, then
 * the {@code request.status-changed} event as the last write. Runs in the caller's transaction.
 */
@Component
class RequestTransitions {

	private static final Logger log = LoggerFactory.getLogger(RequestTransitions.class);

	private final ServiceRequestRepository requests;

	private final AccountDirectory accounts;

	private final RequestMails mails;

	private final Mailer mailer;

	private final EventLog eventLog;

	RequestTransitions(ServiceRequestRepository requests, AccountDirectory accounts, RequestMails mails, Mailer mailer,
			EventLog eventLog) {
		this.requests = requests;
		this.accounts = accounts;
		this.mails = mails;
		this.mailer = mailer;
		this.eventLog = eventLog;
	}

	/** Emits nothing when the transition does not apply (wrong status, out of scope, preconditions). */
	Mono<ServiceRequestRepository.Transitioned> apply(TransitionCommand command) {
		return this.requests.transition(command).flatMap(done -> announce(done, command).thenReturn(done));
	}

	/** Like {@link #apply}, but a transition that does not apply is a 404 or 409 problem. */
	Mono<ServiceRequestRepository.Transitioned> applyOrExplain(TransitionCommand command) {
		return apply(command).switchIfEmpty(Mono.defer(() -> explain(command)));
	}

	private Mono<ServiceRequestRepository.Transitioned> explain(TransitionCommand command) {
		return this.requests.findById(command.requestId())
			.filter(request -> command.accountScope() == null || request.accountId().equals(command.accountScope()))
			.filter(request -> command.consulateScope() == null || request.consulateCode().equals(command.consulateScope()))
			.switchIfEmpty(Mono.error(RequestProblems::notFound))
			.flatMap(request -> Mono.error(command.from().contains(request.status())
					? ApiProblem.conflict("transition-precondition-failed", "Transition not possible now",
							"The request changed meanwhile; look at it again.")
					: RequestProblems.illegalTransition(request.status(), command.to(), command.from())));
	}

	private Mono<Void> announce(ServiceRequestRepository.Transitioned done, TransitionCommand command) {
		ServiceRequest request = done.request();
		RequestStatusChanged event = new RequestStatusChanged(request.id(), request.reference(), request.typeCode(),
				request.consulateCode(), request.status(), done.previousStatus(), command.actor().name(),
				command.message());
		return this.accounts.findById(request.accountId())
			.flatMap(citizen -> this.mailer.enqueue(this.mails.statusChanged(citizen, request, command.actor()))
				.thenReturn(citizen))
			.switchIfEmpty(Mono.fromRunnable(() -> log.warn("No account {} to mail about request {}",
					request.accountId(), request.reference())))
			.then(this.eventLog.append(request.accountId(), RequestStatusChanged.TYPE, event))
			.then();
	}

}
