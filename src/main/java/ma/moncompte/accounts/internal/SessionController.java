package ma.moncompte.accounts.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import ma.moncompte.accounts.CurrentUser;
import ma.moncompte.support.ApiProblem;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
class SessionController {

	private final Logins logins;

	private final Sessions sessions;

	private final ActivityLog activity;

	private final AccountsProperties properties;

	SessionController(Logins logins, Sessions sessions, ActivityLog activity, AccountsProperties properties) {
		this.logins = logins;
		this.sessions = sessions;
		this.activity = activity;
		this.properties = properties;
	}

	record LoginRequest(@NotBlank @Size(max = 254) String email, @NotBlank @Size(max = 1024) String password) {
	}

	record SecondFactorRequest(@NotBlank @Size(max = 200) String challenge, @NotBlank @Size(max = 64) String code) {
	}

	record SessionResponse(String token, Instant expiresAt) {
	}

	/** The password was right and a second factor is due: send the code with this challenge. */
	record ChallengeResponse(String status, String challenge, Instant expiresAt) {
	}

	/**
	 * Signs in. Without two-factor authentication: 201 and the session. With it: 202 and a challenge for
	 * {@code POST /api/v1/sessions/two-factor}.
	 */
	@PostMapping("/api/v1/sessions")
	Mono<ResponseEntity<Object>> login(@Valid @RequestBody LoginRequest request, ServerWebExchange exchange) {
		return this.logins.withPassword(request.email(), request.password(), ClientInfo.of(exchange))
			.map(outcome -> outcome.session() != null ? created(exchange, outcome.session())
					: ResponseEntity.status(HttpStatus.ACCEPTED)
						.body(new ChallengeResponse("two-factor-required", outcome.challenge().token(),
								outcome.challenge().expiresAt())));
	}

	@PostMapping("/api/v1/sessions/two-factor")
	Mono<ResponseEntity<Object>> secondFactor(@Valid @RequestBody SecondFactorRequest request,
			ServerWebExchange exchange) {
		return this.logins.withSecondFactor(request.challenge(), request.code(), ClientInfo.of(exchange))
			.map(session -> created(exchange, session));
	}

	@DeleteMapping("/api/v1/sessions/current")
	Mono<ResponseEntity<Void>> logout(@AuthenticationPrincipal CurrentUser user, ServerWebExchange exchange) {
		return this.sessions.revoke(user.sessionId())
			.then(this.activity.record(user.accountId(), ActivityLog.LOGOUT, ClientInfo.of(exchange)))
			.thenReturn(ResponseEntity.noContent()
				.header(HttpHeaders.SET_COOKIE, sessionCookie(exchange, "", Duration.ZERO).toString())
				.build());
	}

	@GetMapping("/api/v1/me/sessions")
	Flux<Sessions.SessionView> mySessions(@AuthenticationPrincipal CurrentUser user) {
		return this.sessions.list(user.accountId(), user.sessionId());
	}

	/** Revokes one of the caller's sessions; another account's session is 404, like any unknown id. */
	@DeleteMapping("/api/v1/me/sessions/{id}")
	Mono<ResponseEntity<Void>> revoke(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
			ServerWebExchange exchange) {
		return this.sessions.revokeOwn(user.accountId(), id)
			.flatMap(revoked -> revoked
					? this.activity.record(user.accountId(), ActivityLog.SESSION_REVOKED, ClientInfo.of(exchange),
							Map.of("sessionId", id.toString()))
					: Mono.error(ApiProblem.notFound("session-not-found", "You have no such session.")))
			.thenReturn(ResponseEntity.noContent().build());
	}

	/** Revokes every session of the caller except the one making this request. */
	@DeleteMapping("/api/v1/me/sessions")
	Mono<Map<String, Long>> revokeOthers(@AuthenticationPrincipal CurrentUser user, ServerWebExchange exchange) {
		return this.sessions.revokeAllExcept(user.accountId(), user.sessionId())
			.flatMap(count -> this.activity.record(user.accountId(), ActivityLog.OTHER_SESSIONS_REVOKED,
					ClientInfo.of(exchange), Map.of("revoked", count))
				.thenReturn(Map.of("revoked", count)));
	}

	private ResponseEntity<Object> created(ServerWebExchange exchange, Sessions.IssuedSession session) {
		return ResponseEntity.status(HttpStatus.CREATED)
			.header(HttpHeaders.SET_COOKIE,
					sessionCookie(exchange, session.token(), Duration.between(Instant.now(), session.expiresAt())).toString())
			.body(new SessionResponse(session.token(), session.expiresAt()));
	}

	private ResponseCookie sessionCookie(ServerWebExchange exchange, String value, Duration maxAge) {
		return ResponseCookie.from(this.properties.sessionCookie(), value)
			.httpOnly(true)
			.sameSite("Lax")
			// Not derived from the Host header: behind a proxy that would be the proxy's view.
			.secure(this.properties.secureCookies())
			.path("/")
			.maxAge(maxAge)
			.build();
	}

}
