package ma.moncompte.requests.internal;

import java.util.Set;

import ma.moncompte.requests.RequestStatus;
import ma.moncompte.support.ApiProblem;

/** The problems every request endpoint answers the same way. */
final class RequestProblems {

	private RequestProblems() {
	}

	/** Also what another citizen's request looks like: ids reveal nothing. */
	static ApiProblem notFound() {
		return ApiProblem.notFound("request-not-found", "There is no such request.");
	}

	static ApiProblem illegalTransition(RequestStatus current, RequestStatus target, Set<RequestStatus> allowedFrom) {
		return ApiProblem.conflict("illegal-transition", "Illegal transition",
				"A request in status " + current + " cannot become " + target + ".")
			.with("currentStatus", current.name())
			.with("targetStatus", target.name())
			.with("allowedFrom", allowedFrom.stream().map(Enum::name).sorted().toList());
	}

	static ApiProblem notEditable(RequestStatus current) {
		return ApiProblem.conflict("request-not-editable", "Request not editable",
				"A request in status " + current + " can no longer be changed.")
			.with("currentStatus", current.name());
	}

}
