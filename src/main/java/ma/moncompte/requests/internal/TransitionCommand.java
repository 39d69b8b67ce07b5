package ma.moncompte.requests.internal;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import ma.moncompte.requests.RequestStatus;
import ma.moncompte.requests.internal.RequestCatalog.Money;

/**
 * One status change to apply atomically.
 *
 * @param accountScope applies only to this citizen's request; {@code null} when an agent or the system acts
 * @param consulateScope applies only to a request of this post; {@code null} when not restricted
 * @param from the statuses the request may be in
 * @param fee the fee to freeze (at submission)
 * @param offer the appointment offered (with the seat held for it)
 * @param requiredFields fields that must be filled in for the change to apply
 * @param requiredDocuments document kinds that must have been uploaded for the change to apply
 * @param requireNoAppointment refuse when an appointment was already booked in an offered seat
 */
record TransitionCommand(UUID requestId, UUID accountScope, String consulateScope, Set<RequestStatus> from,
		RequestStatus to, Actor actor, UUID actorId, String message, Money fee, Offer offer,
		List<String> requiredFields, List<String> requiredDocuments, boolean requireNoAppointment) {

	enum Actor {

		CITIZEN, AGENT, SYSTEM

	}

	record Offer(UUID holdId, Instant start, Instant end, Instant expiresAt) {
	}

	TransitionCommand {
		from = Set.copyOf(from);
		requiredFields = List.copyOf(requiredFields);
		requiredDocuments = List.copyOf(requiredDocuments);
	}

	static TransitionCommand of(UUID requestId, Set<RequestStatus> from, RequestStatus to, Actor actor, UUID actorId) {
		return new TransitionCommand(requestId, null, null, from, to, actor, actorId, null, null, null, List.of(),
				List.of(), false);
	}

	TransitionCommand ownedBy(UUID accountId) {
		return new TransitionCommand(this.requestId, accountId, this.consulateScope, this.from, this.to, this.actor,
				this.actorId, this.message, this.fee, this.offer, this.requiredFields, this.requiredDocuments,
				this.requireNoAppointment);
	}

	TransitionCommand atPost(String consulateCode) {
		return new TransitionCommand(this.requestId, this.accountScope, consulateCode, this.from, this.to, this.actor,
				this.actorId, this.message, this.fee, this.offer, this.requiredFields, this.requiredDocuments,
				this.requireNoAppointment);
	}

	TransitionCommand withMessage(String text) {
		return new TransitionCommand(this.requestId, this.accountScope, this.consulateScope, this.from, this.to,
				this.actor, this.actorId, text, this.fee, this.offer, this.requiredFields, this.requiredDocuments,
				this.requireNoAppointment);
	}

	TransitionCommand freezingFee(Money money) {
		return new TransitionCommand(this.requestId, this.accountScope, this.consulateScope, this.from, this.to,
				this.actor, this.actorId, this.message, money, this.offer, this.requiredFields, this.requiredDocuments,
				this.requireNoAppointment);
	}

	TransitionCommand offering(Offer appointment) {
		return new TransitionCommand(this.requestId, this.accountScope, this.consulateScope, this.from, this.to,
				this.actor, this.actorId, this.message, this.fee, appointment, this.requiredFields,
				this.requiredDocuments, true);
	}

	TransitionCommand requiring(List<String> fields, List<String> documents) {
		return new TransitionCommand(this.requestId, this.accountScope, this.consulateScope, this.from, this.to,
				this.actor, this.actorId, this.message, this.fee, this.offer, fields, documents,
				this.requireNoAppointment);
	}

}
