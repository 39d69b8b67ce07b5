package ma.moncompte.support.internal;

import java.util.List;
import java.util.Map;

import ma.moncompte.support.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerErrorException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * The single place where exceptions become RFC 9457 problems. It runs before Boot's default handler,
 * so no error of any origin (controllers, codecs, routing, filters) leaves as HTML or a bare 500.
 */
@Component
@Order(-2)
class ProblemExceptionHandler implements WebExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

	private final ProblemRenderer renderer;

	ProblemExceptionHandler(ProblemRenderer renderer) {
		this.renderer = renderer;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		if (ex instanceof AccessDeniedException || ex instanceof AuthenticationException) {
			// Spring Security's own entry points answer these.
			return Mono.error(ex);
		}
		if (exchange.getResponse().isCommitted() || isClientGone(ex)) {
			// The client left (a closed event stream, a dropped connection): there is no one to answer.
			return Mono.empty();
		}
		return this.renderer.write(exchange, toProblem(ex));
	}

	private static boolean isClientGone(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (t.getClass().getName().equals("reactor.netty.channel.AbortedException")
					|| t instanceof java.nio.channels.ClosedChannelException) {
				return true;
			}
		}
		return false;
	}

	static ApiProblem toProblem(Throwable ex) {
		if (ex instanceof ApiProblem problem) {
			return problem;
		}
		if (hasCause(ex, DataBufferLimitException.class)) {
			return new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large",
					"The request body is larger than this endpoint accepts.");
		}
		if (ex instanceof WebExchangeBindException bind) {
			List<Map<String, Object>> errors = bind.getFieldErrors().stream().map(ProblemExceptionHandler::fieldError).toList();
			return ApiProblem.badRequest("validation-failed", "Validation failed", "Some fields are invalid.")
				.with("errors", errors);
		}
		if (isBadValue(ex)) {
			return ApiProblem.badRequest("malformed-request", "Malformed request",
					"A value in the request is out of range or contains characters that cannot be stored.");
		}
		if (ex instanceof ServerErrorException serverError && serverError.getMethodParameter() != null) {
			// A request value that converted to nothing (e.g. a blank path segment for an id).
			return ApiProblem.badRequest("malformed-request", "Malformed request", "A request value is missing or blank.");
		}
		if (ex instanceof ServerWebInputException input) {
			return ApiProblem.badRequest("malformed-request", "Malformed request", safeReason(input));
		}
		if (ex instanceof ResponseStatusException status) {
			return fromStatus(status.getStatusCode(), status.getReason());
		}
		log.error("Unhandled error", ex);
		return new ApiProblem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
				"Something went wrong on our side. The error has been logged.");
	}

	/**
	 * Input that passed validation but that PostgreSQL or java.time refuse: NUL characters, years beyond
	 * what timestamps hold. The request is at fault, so it is a 400, never a 500.
	 */
	private static boolean isBadValue(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (t instanceof java.time.DateTimeException) {
				return true;
			}
			if (t instanceof io.r2dbc.spi.R2dbcException r2dbc && r2dbc.getSqlState() != null
					&& r2dbc.getSqlState().startsWith("22")) {
				return true;
			}
		}
		return false;
	}

	private static Map<String, Object> fieldError(FieldError error) {
		return Map.of("field", error.getField(), "message",
				error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage());
	}

	private static String safeReason(ServerWebInputException ex) {
		// Decoder messages can echo internals (class names); keep only the framework's short reason.
		String reason = ex.getReason();
		return reason == null ? "The request could not be read." : reason;
	}

	private static ApiProblem fromStatus(HttpStatusCode code, String reason) {
		HttpStatus status = HttpStatus.resolve(code.value());
		if (status == null) {
			status = HttpStatus.BAD_REQUEST;
		}
		String slug = switch (status) {
			case NOT_FOUND -> "not-found";
			case METHOD_NOT_ALLOWED -> "method-not-allowed";
			case NOT_ACCEPTABLE -> "not-acceptable";
			case UNSUPPORTED_MEDIA_TYPE -> "unsupported-media-type";
			case CONTENT_TOO_LARGE -> "payload-too-large";
			default -> status.is5xxServerError() ? "internal-error" : "bad-request";
		};
		String detail = status == HttpStatus.NOT_FOUND ? "No such resource." : reason;
		return new ApiProblem(status, slug, status.getReasonPhrase(), detail);
	}

	private static boolean hasCause(Throwable ex, Class<? extends Throwable> type) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (type.isInstance(t)) {
				return true;
			}
			if (t.getCause() == t) {
				break;
			}
		}
		return false;
	}

}
