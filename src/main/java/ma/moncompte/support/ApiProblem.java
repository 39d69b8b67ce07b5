package ma.moncompte.support;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * A failure that the client can act on, rendered as RFC 9457 problem details. The {@code slug} becomes
 * the stable {@code type} URI that clients may switch on; titles and details are for humans.
 */
public class ApiProblem extends RuntimeException {

	public static final String TYPE_BASE = "https://moncompte.example/problems/";

	private final HttpStatus status;

	private final String slug;

	private final String title;

	private final Map<String, Object> properties = new LinkedHashMap<>();

	private final Map<String, String> headers = new LinkedHashMap<>();

	public ApiProblem(HttpStatus status, String slug, String title, String detail) {
		super(detail, null, false, false);
		this.status = status;
		this.slug = slug;
		this.title = title;
	}

	public static ApiProblem notFound(String slug, String detail) {
		return new ApiProblem(HttpStatus.NOT_FOUND, slug, "Not found", detail);
	}

	public static ApiProblem conflict(String slug, String title, String detail) {
		return new ApiProblem(HttpStatus.CONFLICT, slug, title, detail);
	}

	public static ApiProblem unprocessable(String slug, String title, String detail) {
		return new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, slug, title, detail);
	}

	public static ApiProblem forbidden(String slug, String detail) {
		return new ApiProblem(HttpStatus.FORBIDDEN, slug, "Forbidden", detail);
	}

	public static ApiProblem badRequest(String slug, String title, String detail) {
		return new ApiProblem(HttpStatus.BAD_REQUEST, slug, title, detail);
	}

	public ApiProblem with(String property, Object value) {
		this.properties.put(property, value);
		return this;
	}

	/** A response header that goes with the problem, such as {@code Retry-After} on 429. */
	public ApiProblem header(String name, String value) {
		this.headers.put(name, value);
		return this;
	}

	public Map<String, String> headers() {
		return Map.copyOf(this.headers);
	}

	public HttpStatus status() {
		return this.status;
	}

	public String slug() {
		return this.slug;
	}

	public URI type() {
		return URI.create(TYPE_BASE + this.slug);
	}

	public String title() {
		return this.title;
	}

	public String detail() {
		return getMessage();
	}

	public Map<String, Object> properties() {
		return Map.copyOf(this.properties);
	}

}
