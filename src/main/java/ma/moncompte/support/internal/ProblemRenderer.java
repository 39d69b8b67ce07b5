package ma.moncompte.support.internal;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import ma.moncompte.support.ApiProblem;
import ma.moncompte.support.ProblemResponses;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@Component
class ProblemRenderer implements ProblemResponses {

	private final JsonMapper json;

	ProblemRenderer(JsonMapper json) {
		this.json = json;
	}

	@Override
	public Mono<Void> write(ServerWebExchange exchange, ApiProblem problem) {
		ServerHttpResponse response = exchange.getResponse();
		if (response.isCommitted()) {
			return Mono.error(problem);
		}
		response.setStatusCode(problem.status());
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		problem.headers().forEach(response.getHeaders()::set);
		byte[] body = render(problem, exchange.getRequest().getPath().value()).getBytes(StandardCharsets.UTF_8);
		DataBuffer buffer = response.bufferFactory().wrap(body);
		return response.writeWith(Mono.just(buffer));
	}

	@Override
	public String render(ApiProblem problem, String instance) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", problem.type().toString());
		body.put("title", problem.title());
		body.put("status", problem.status().value());
		if (problem.detail() != null) {
			body.put("detail", problem.detail());
		}
		if (instance != null) {
			body.put("instance", instance);
		}
		body.putAll(problem.properties());
		return this.json.writeValueAsString(body);
	}

}
