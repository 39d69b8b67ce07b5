package ma.moncompte.accounts;

import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The account-security endpoints as a client calls them, from a chosen client address (X-Forwarded-For). */
final class SecurityApi {

	private final WebTestClient http;

	private final String ip;

	SecurityApi(WebTestClient http, String ip) {
		this.http = http;
		this.ip = ip;
	}

	SecurityApi from(String otherIp) {
		return new SecurityApi(this.http, otherIp);
	}

	WebTestClient.ResponseSpec login(String email, String password) {
		return post("/api/v1/sessions", null, Map.of("email", email, "password", password));
	}

	/** Signs in (no second factor) and returns the session token. */
	String session(String email, String password) {
		return (String) login(email, password).expectStatus().isCreated().expectBody(Map.class).returnResult()
			.getResponseBody().get("token");
	}

	WebTestClient.ResponseSpec post(String path, String token, Object body) {
		return this.http.post().uri(path).headers(h -> headers(h, token)).contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body).exchange();
	}

	WebTestClient.ResponseSpec patch(String path, String token, Object body) {
		return this.http.patch().uri(path).headers(h -> headers(h, token)).contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body).exchange();
	}

	WebTestClient.ResponseSpec get(String path, String token) {
		return this.http.get().uri(path).headers(h -> headers(h, token)).exchange();
	}

	WebTestClient.ResponseSpec delete(String path, String token) {
		return this.http.delete().uri(path).headers(h -> headers(h, token)).exchange();
	}

	private void headers(HttpHeaders headers, String token) {
		headers.set("X-Forwarded-For", this.ip);
		headers.set(HttpHeaders.USER_AGENT, "AccountSecurityTest/1.0");
		if (token != null) {
			headers.setBearerAuth(token);
		}
	}

}
