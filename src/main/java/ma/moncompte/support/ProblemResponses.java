package ma.moncompte.support;

import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Writes problems the same way everywhere, including from filters that run before any controller. */
public interface ProblemResponses {

	Mono<Void> write(ServerWebExchange exchange, ApiProblem problem);

	/** The JSON body of a problem, for responses that are stored and replayed (idempotent requests). */
	String render(ApiProblem problem, String instance);

}
