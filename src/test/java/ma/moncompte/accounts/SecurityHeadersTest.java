package ma.moncompte.accounts;

import ma.moncompte.testing.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Browser-facing headers on every response, and CORS closed by default. */
class SecurityHeadersTest extends IntegrationTest {

	@Test
	void everyResponseCarriesTheSecurityHeaders() {
		for (String path : new String[] { "/api/v1/consulates", "/api/v1/me", "/", "/no/such/page" }) {
			WebTestClient.ResponseSpec response = http().get().uri(path).exchange();
			response.expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
				.expectHeader().valueEquals("Referrer-Policy", "no-referrer")
				.expectHeader().valueEquals("X-Frame-Options", "DENY")
				.expectHeader().doesNotExist("Strict-Transport-Security");
			String csp = response.returnResult(String.class).getResponseHeaders().getFirst("Content-Security-Policy");
			assertThat(csp).as(path).contains("default-src 'none'", "script-src 'self'", "style-src 'self'",
					"connect-src 'self'", "img-src 'self' data:", "frame-ancestors 'none'", "object-src 'none'",
					"base-uri 'none'");
			// No inline script, no eval: the page must load same-origin files only.
			assertThat(csp).doesNotContain("unsafe-inline", "unsafe-eval", "*");
		}
	}

	@Test
	void hstsIsSentOnHttpsBehindTheProxy() {
		String hsts = http().get().uri("/api/v1/consulates").header("X-Forwarded-Proto", "https").exchange()
			.expectStatus().isOk()
			.returnResult(String.class).getResponseHeaders().getFirst("Strict-Transport-Security");
		assertThat(hsts).contains("max-age=31536000").contains("includeSubDomains").doesNotContain("preload");
	}

	@Test
	void corsIsClosedByDefault() {
		http().method(HttpMethod.OPTIONS).uri("/api/v1/me")
			.header(HttpHeaders.ORIGIN, "https://evil.example")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization")
			.exchange()
			.expectStatus().isForbidden()
			.expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
		http().get().uri("/api/v1/consulates").header(HttpHeaders.ORIGIN, "https://evil.example").exchange()
			.expectStatus().isForbidden()
			.expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
		// Same-origin requests (the portal's own page) are not CORS requests and pass.
		http().get().uri("/api/v1/consulates").header(HttpHeaders.ORIGIN, baseUrl()).exchange().expectStatus().isOk();
	}

}
