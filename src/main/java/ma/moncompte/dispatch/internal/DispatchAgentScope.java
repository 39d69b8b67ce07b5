package ma.moncompte.dispatch.internal;

import ma.moncompte.accounts.CurrentUser;
import ma.moncompte.directory.Consulate;
import ma.moncompte.directory.Directory;
import ma.moncompte.support.ApiProblem;

import org.springframework.stereotype.Component;

/** Agents act for their own post; an unknown post is 404, another post is 403. */
@Component
class DispatchAgentScope {

	private final Directory directory;

	DispatchAgentScope(Directory directory) {
		this.directory = directory;
	}

	Consulate require(CurrentUser agent, String code) {
		Consulate consulate = this.directory.consulate(code)
			.orElseThrow(() -> ApiProblem.notFound("consulate-not-found", "There is no consulate " + code + "."));
		if (!agent.actsFor(consulate.code())) {
			throw ApiProblem.forbidden("other-consulate", "You can act only for your own consulate.");
		}
		return consulate;
	}

}
